using Circles.Web.Cli;
using Circles.Web.Hosting;

if (CliVerbs.IsVerb(args))
{
    return await CliVerbs.Run(args);
}

var app = CirclesHost.BuildWebApp(args);
await app.RunAsync();
return 0;

public partial class Program;
