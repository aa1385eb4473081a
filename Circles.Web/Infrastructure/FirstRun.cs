using Circles.Core.Accounts;

namespace Circles.Web.Infrastructure;

/// <summary>Knows whether the first administrator exists; once one does, that never changes.</summary>
public sealed class SetupState(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _setupLock = new(1, 1);
    private volatile bool _complete;

    public async Task<bool> IsComplete(CancellationToken cancellationToken)
    {
        if (_complete)
        {
            return true;
        }

        using var scope = scopes.CreateScope();
        _complete = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().AnyUserExists(cancellationToken);
        return _complete;
    }

    /// <summary>Serialises set-up so two people submitting at once cannot both become the first administrator.</summary>
    public async Task<IDisposable> Lock(CancellationToken cancellationToken)
    {
        await _setupLock.WaitAsync(cancellationToken);
        return new Releaser(_setupLock);
    }

    public void MarkComplete() => _complete = true;

    /// <summary>For tests that empty the database between them.</summary>
    internal void Reset() => _complete = false;

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}

/// <summary>Until the first administrator exists, every page leads to /setup.</summary>
public sealed class FirstRunRedirect(RequestDelegate next, SetupState setup)
{
    public async Task Invoke(HttpContext context)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/setup") || path.StartsWithSegments("/health") || path.StartsWithSegments("/lib")
            || path.StartsWithSegments("/accessibility") || path.StartsWithSegments("/error") || path.StartsWithSegments("/favicon.ico");
        if (!exempt && HttpMethods.IsGet(context.Request.Method) && !await setup.IsComplete(context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }

        await next(context);
    }
}
