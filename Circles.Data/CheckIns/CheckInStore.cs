using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.CheckIns;

public sealed class CheckInStore(IDbConnectionFactory database) : ICheckInStore
{
    public async Task<CadenceDetails?> FindCadence(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var cadence = await connection.QuerySingleOrDefaultAsync<CadenceDetails>(new CommandDefinition(
            """
            SELECT c.person_id, c.ideal_days, c.maximum_days, c.started_on, c.checker_user_id, u.display_name AS checker_name, c.paused_reason, c.paused_on
            FROM check_in_cadences c LEFT JOIN users u ON u.id = c.checker_user_id
            WHERE c.person_id = @PersonId
            """,
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        return cadence is null ? null : cadence with { LastContactOn = await LastContactOn(personId, cancellationToken) };
    }

    public async Task<DateOnly?> LastContactOn(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        // Any contact resets the clock: a logged contact, or a held meeting of any circle they were at.
        var latest = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            """
            SELECT max(at) FROM (
                SELECT max(contacted_at) AS at FROM contacts WHERE person_id = @PersonId
                UNION ALL
                SELECT max(m.starts_at) FROM circle_members cm
                JOIN meeting_attendance a ON a.member_id = cm.id
                JOIN meetings m ON m.id = a.meeting_id
                WHERE cm.person_id = @PersonId AND m.status = 'held'
            )
            """,
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        return latest is { } instant ? UkTime.DateOfInstant(instant) : null;
    }

    public async Task SetCadence(long personId, Cadence cadence, long? checkerUserId, string? pausedReason, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, checker_user_id, paused_reason, paused_on, updated_at)
            VALUES (@PersonId, @Ideal, @Maximum, @Today, @Checker, @Reason, CASE WHEN @Reason IS NULL THEN NULL ELSE @Today END, @At)
            ON CONFLICT (person_id) DO UPDATE SET
                ideal_days = excluded.ideal_days, maximum_days = excluded.maximum_days, checker_user_id = excluded.checker_user_id,
                paused_on = CASE WHEN excluded.paused_reason IS NULL THEN NULL WHEN check_in_cadences.paused_reason IS NULL THEN @Today ELSE check_in_cadences.paused_on END,
                -- Un-pausing starts the clock again from today: the pause was not a gap in contact.
                started_on = CASE WHEN check_in_cadences.paused_reason IS NOT NULL AND excluded.paused_reason IS NULL THEN @Today ELSE check_in_cadences.started_on END,
                paused_reason = excluded.paused_reason, updated_at = excluded.updated_at
            """,
            new { PersonId = personId, Ideal = cadence.IdealDays, Maximum = cadence.MaximumDays, Today = today, Checker = checkerUserId, Reason = pausedReason, At = at },
            cancellationToken: cancellationToken));
    }
}
