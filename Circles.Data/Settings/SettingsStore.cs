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
    private (IReadOnlyDictionary<string, string> Values, DateTimeOffset ReadAt)? _cache;

    public async Task<IReadOnlyDictionary<string, string>> GetAll(CancellationToken cancellationToken)
    {
        var cached = _cache;
        if (cached is { } c && clock.GetUtcNow() - c.ReadAt < CacheFor)
        {
            return c.Values;
        }

        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Value)>(new CommandDefinition(
            "SELECT key, value FROM settings", cancellationToken: cancellationToken));
        var values = rows.ToDictionary(r => r.Key, r => r.Value);
        _cache = (values, clock.GetUtcNow());
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
        _cache = null;
    }

    public void Forget() => _cache = null;
}
