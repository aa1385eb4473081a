using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Circles.Web.Accounts;

/// <summary>
/// Limits sign-in attempts per account, whatever address they come from (the per-address limit is
/// the rate-limiting middleware's). Identity's lockout stops guessing; this stops hammering.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IOptions<SecurityOptions> options)
    {
        var permits = options.Value.SignInPermitsPerAccountPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(
            account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>True when another attempt for this account is allowed now.</summary>
    public bool TryAttempt(string? account)
    {
        using var lease = _limiter.AttemptAcquire((account ?? "").Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
