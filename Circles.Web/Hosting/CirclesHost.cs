using System.Net;
using System.Threading.RateLimiting;
using Circles.Core;
using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Data;
using Circles.Data.Accounts;
using Circles.Data.Migrations;
using Circles.Web.Accounts;
using Circles.Web.Infrastructure;
using Circles.Web.Jobs;
using Circles.Web.Messaging;
using Circles.Web.Pipeline;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace Circles.Web.Hosting;

public static class CirclesHost
{
    public const string AdministratorPolicy = "Administrator";
    public const string PeoplePolicy = "WorksWithPeople";
    public const string SignInRateLimit = "sign-in";
    public const string OpenDataRateLimit = "open-data";
    public const string PublicFormRateLimit = "public-form";

    public static WebApplication BuildWebApp(string[] args)
    {
        var builder = CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        if (!builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(builder.Configuration["Circles:PublicBaseUrl"]))
        {
            // Links in emails must never be built from the request's Host header, which anyone can set.
            throw new InvalidOperationException(
                "Set Circles:PublicBaseUrl to the site's public address (for example https://circles.example.org.uk): emailed links are built from it.");
        }

        AddCircles(builder);
        var app = builder.Build();
        UseCircles(app);
        return app;
    }

    /// <summary>
    /// A builder whose content root holds appsettings.json: the working directory when it does (dotnet run,
    /// tests), otherwise the folder the program is in, so `dotnet /srv/circles/Circles.Web.dll` works from anywhere.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var configuredRoot = args.Any(a => a.TrimStart('-').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null;
        var useProgramFolder = !configuredRoot && !File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"));
        return WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = useProgramFolder ? AppContext.BaseDirectory : null,
        });
    }

    public static void AddCircles(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<CirclesOptions>(configuration.GetSection(CirclesOptions.Section));
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.Configure<SchedulerOptions>(configuration.GetSection(SchedulerOptions.Section));
        var circles = configuration.GetSection(CirclesOptions.Section).Get<CirclesOptions>() ?? new CirclesOptions();
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var scheduler = configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        var dataPath = Path.GetFullPath(circles.DataPath, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataPath);

        services.AddSerilog(
            (provider, logger) => logger
                .ReadFrom.Configuration(configuration)
                .Enrich.FromLogContext()
                .WriteTo.File(
                    new CompactJsonFormatter(),
                    Path.Combine(dataPath, "logs", "circles-.json"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 31,
                    shared: true),
            preserveStaticLogger: true);

        services.AddSingleton(TimeProvider.System);
        services.AddCirclesData(ConnectionString(configuration, dataPath));
        if (BenchmarkMode.IsOn(configuration))
        {
            BenchmarkMode.AddServices(services);
        }
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddScoped<ICurrentViewer, HttpCurrentViewer>();
        services.AddScoped<IAuditLog, AuditLog>();
        AddMessaging(services, configuration);
        services.AddScoped<AccountEmails>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<Invitations>();
        services.AddScoped<Core.Volunteering.IVolunteerAccounts>(sp => sp.GetRequiredService<Invitations>());
        services.AddScoped<Circles.Core.Circles.CircleAccess>();
        services.AddScoped<Circles.Core.Matching.FacilitatorChoosing>();
        services.AddScoped<Circles.Core.People.PersonReach>();
        services.AddSingleton<SetupState>();
        services.AddSingleton<SiteChrome>();
        services.AddSingleton<SignInThrottle>();

        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(AssemblyMarker), typeof(CirclesHost)];
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        AddValidators(services, typeof(AssemblyMarker).Assembly, typeof(CirclesHost).Assembly);

        AddAccounts(services, security);

        services.AddDataProtection()
            .SetApplicationName("Circles")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "circles.antiforgery";
            options.Cookie.SecurePolicy = security.RequireSecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        // Razor may write ’, é and £ as they are; only characters that matter to HTML are escaped.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddControllersWithViews(options =>
        {
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            options.Filters.Add<ValidationFailureFilter>();
            options.Filters.Add<TwoFactorRequirementFilter>();
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"Enter a valid {field}");
            messages.SetValueIsInvalidAccessor(value => "Enter a valid value");
            messages.SetValueMustBeANumberAccessor(field => $"{field} must be a number");
            messages.SetMissingBindRequiredValueAccessor(field => $"Enter {field}");
            messages.SetValueMustNotBeNullAccessor(field => $"Enter {field}");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => "Enter a valid value");
            messages.SetUnknownValueIsInvalidAccessor(field => $"Enter a valid {field}");
        });

        // One-page notices ("Area added") travel in a cookie guarded like the session's, under our own name.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "circles.notice";
            options.Cookie.SecurePolicy = security.RequireSecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.IsEssential = true;
        });
        services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider>();
        services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider, QuietTempDataProvider>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdministratorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            .AddPolicy(PeoplePolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Administrator, Roles.Coordinator, Roles.Connector));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignInRateLimit, context => PerAddress(context, security.SignInPermitsPerIpPerMinute));
            options.AddPolicy(OpenDataRateLimit, context => PerAddress(context, security.OpenDataPermitsPerIpPerMinute));
            options.AddPolicy(PublicFormRateLimit, context => PerAddress(context, security.PublicFormPermitsPerIpPerMinute));
        });

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in security.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        services.AddHostedService<MigrateOnStartup>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long }));
        if (scheduler.ServerEnabled)
        {
            services.AddHangfireServer(server => server.WorkerCount = Math.Max(1, scheduler.WorkerCount));
        }
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static void AddMessaging(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MessagingOptions.Section);
        services.Configure<MessagingOptions>(section);
        services.AddSingleton(section.Get<DispatchOptions>() ?? new DispatchOptions());
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<MessageLinks>();
        services.AddSingleton<IMessageLinks>(sp => sp.GetRequiredService<MessageLinks>());
        services.AddScoped<MessagePlanner>();
        services.AddScoped<IScheduledMessageSource, ActionReminderSource>();
        services.AddScoped<IScheduledMessageSource, Core.CheckIns.CheckInPromptSource>();
        services.AddScoped<IScheduledMessageSource, Core.Assets.StaleAssetDigestSource>();
        services.AddScoped<IScheduledMessageSource, Core.Volunteering.DbsRecheckWarningSource>();
        services.AddSingleton<Core.CheckIns.ICheckInReplyTokens>(sp => sp.GetRequiredService<MessageLinks>());
        services.AddSingleton<LogOnlyMessageSender>();
        services.AddSingleton<SmtpMessageSender>();
        services.AddHttpClient<NotifyMessageSender>((sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<MessagingOptions>>().Value.GovukNotify.TimeoutSeconds)));
        services.AddScoped<IMessageSenders, MessageSenders>();
        services.AddScoped<DispatchSoon>();
    }

    private static void AddAccounts(IServiceCollection services, SecurityOptions security)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies =>
            {
                cookies.ApplicationCookie!.Configure(options =>
                {
                    options.Cookie.Name = "circles.session";
                    options.Cookie.HttpOnly = true;
                    options.Cookie.SameSite = SameSiteMode.Lax;
                    options.Cookie.SecurePolicy = security.RequireSecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                    options.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
                    options.SlidingExpiration = true;
                    options.LoginPath = "/account/sign-in";
                    options.LogoutPath = "/account/sign-out";
                    options.AccessDeniedPath = "/error/403";
                    options.ReturnUrlParameter = "returnUrl";
                    // The stamp is due a check once a minute. The framework built the validator, with its sign-in and
                    // user managers, on every request only to find the minute not up: the same test, on the same clock
                    // and interval, is made here first.
                    options.Events.OnValidatePrincipal = context =>
                    {
                        var stamps = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                        var now = (stamps.TimeProvider ?? TimeProvider.System).GetUtcNow();
                        return context.Properties.IssuedUtc is { } issued && now - issued <= stamps.ValidationInterval
                            ? Task.CompletedTask
                            : SecurityStampValidator.ValidatePrincipalAsync(context);
                    };
                    options.Events.OnRedirectToAccessDenied = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    };
                });
                cookies.TwoFactorUserIdCookie!.Configure(options =>
                {
                    options.Cookie.Name = "circles.two-factor";
                    options.Cookie.SecurePolicy = security.RequireSecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                    options.Cookie.HttpOnly = true;
                });
            });

        services.AddIdentityCore<CirclesUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "";
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = security.MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                options.SignIn.RequireConfirmedAccount = false;
                options.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(InvitationTokenProvider));
            })
            .AddUserStore<DapperUserStore>()
            .AddSignInManager<CirclesSignInManager>()
            .AddClaimsPrincipalFactory<CirclesClaimsFactory>()
            .AddPasswordValidator<PasswordPolicy>()
            // Only the providers we use: the email and phone providers would offer codes by email or text as a second factor.
            .AddTokenProvider<DataProtectorTokenProvider<CirclesUser>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<AuthenticatorTokenProvider<CirclesUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddTransient<InvitationTokenProvider>();
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = Math.Max(SecurityOptions.MinimumPasswordHashIterations, security.PasswordHashIterations));
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(2));
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
    }

    private static void AddValidators(IServiceCollection services, params System.Reflection.Assembly[] assemblies)
    {
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            {
                services.AddScoped(contract, type);
            }
        }
    }

    public static string ConnectionString(IConfiguration configuration, string dataPath)
    {
        var configured = configuration.GetConnectionString("Circles");
        return string.IsNullOrWhiteSpace(configured) ? $"Data Source={Path.Combine(dataPath, "circles.db")}" : configured;
    }

    public static void UseCircles(WebApplication app)
    {
        // X-Forwarded-For is believed only from configured proxies: with none configured the middleware
        // would believe anyone, letting a client choose its own address for rate limits and the audit log.
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseSerilogRequestLogging(options =>
        {
            // One event per request with ids only: the path holds ids, never names; the query string is left out.
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                var userId = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                if (userId is not null)
                {
                    diagnostics.Set("UserId", userId);
                }
            };
        });
        if (BenchmarkMode.IsOn(app.Configuration))
        {
            BenchmarkMode.UseRecorder(app);
        }

        app.UseMiddleware<FirstRunRedirect>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = HealthResponse.Write,
        }).AllowAnonymous();
        app.MapHangfireDashboardWithAuthorizationPolicy(AdministratorPolicy, "/admin/jobs", new DashboardOptions
        {
            // Never the local-requests filter: behind a proxy every request looks local.
            Authorization = [],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Circles scheduled jobs",
            AppPath = "/admin/status",
        });
        app.MapControllers();
        if (BenchmarkMode.IsOn(app.Configuration))
        {
            BenchmarkMode.MapBaseline(app);
        }

        RecurringJobIds.Register(app.Services.GetRequiredService<IRecurringJobManager>());
    }

    /// <summary>Applies pending migrations before the site takes requests.</summary>
    public static async Task PrepareDatabase(IServiceProvider services, CancellationToken cancellationToken)
    {
        var applied = await services.GetRequiredService<MigrationRunner>().Apply(cancellationToken);
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Circles.Migrations");
        foreach (var script in applied)
        {
            log.LogInformation("Applied migration {MigrationVersion} {MigrationName}", script.Version, script.Name);
        }
    }
}
