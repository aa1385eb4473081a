using Circles.Core.Settings;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Settings;

/// <summary>
/// Settings are read on every request (organisation name, two-factor rules), so they are held in
/// memory for a short time. A change on this server shows at once; on another server within the TTL.
/// </summary>
public sealed class SettingsStore(IDbConnectionFactory database, TimeProvider clock) : ISettingsStore
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    // One immutable snapshot, swapped whole; the version stops a read that started before a change
    // from caching the old values after it.
    private sealed record Snapshot(IReadOnlyDictionary<string, string> Values, DateTimeOffset ReadAt);

    private Snapshot? _cache;
    private long _version;

    public async Task<IReadOnlyDictionary<string, string>> GetAll(CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref _cache);
        if (cached is not null && clock.GetUtcNow() - cached.ReadAt < CacheFor)
        {
            return cached.Values;
        }

        var version = Interlocked.Read(ref _version);
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Value)>(new CommandDefinition(
            "SELECT key, value FROM settings", cancellationToken: cancellationToken));
        var values = rows.ToDictionary(r => r.Key, r => r.Value);
        if (Interlocked.Read(ref _version) == version)
        {
            Volatile.Write(ref _cache, new Snapshot(values, clock.GetUtcNow()));
        }

        return values;
    }

    public async Task Set(string key, string value, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO settings (key, value, changed_at) VALUES (@Key, @Value, @ChangedAt)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at
            """,
            new { Key = key, Value = value, ChangedAt = changedAt },
            cancellationToken: cancellationToken));
        Forget();
    }

    public void Forget()
    {
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _cache, null);
    }
}
