using Circles.Core.Privacy;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Privacy;

public sealed class RetentionStore(IDbConnectionFactory database) : IRetentionStore
{
    public async Task<IReadOnlyList<RetentionCandidate>> Ended(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        // Times and dates are ISO text, so the latest of them is the greatest string.
        return (await connection.QueryAsync<RetentionCandidate>(new CommandDefinition(
            """
            SELECT * FROM (
                SELECT p.id AS person_id, p.full_name, a.name AS area_name, p.legal_hold_reason IS NOT NULL AS on_hold,
                       max(p.created_at,
                           coalesce((SELECT max(x.contacted_at) FROM contacts x WHERE x.person_id = p.id), ''),
                           coalesce((SELECT max(x.taken_at) FROM check_ins x WHERE x.person_id = p.id), ''),
                           coalesce((SELECT max(x.introduced_on) FROM introductions x WHERE x.person_id = p.id), ''),
                           coalesce((SELECT max(s.changed_at) FROM circle_status_changes s JOIN circles c ON c.id = s.circle_id WHERE c.focus_person_id = p.id), ''),
                           coalesce((SELECT max(mt.starts_at) FROM meeting_attendance ma JOIN circle_members m ON m.id = ma.member_id
                                     JOIN meetings mt ON mt.id = ma.meeting_id WHERE m.person_id = p.id), '')) AS last_activity
                FROM people p LEFT JOIN areas a ON a.id = p.area_id
                WHERE p.erased_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM introductions i WHERE i.person_id = p.id AND i.status <> 'closed')
                  AND NOT EXISTS (SELECT 1 FROM circles c WHERE c.focus_person_id = p.id AND c.status <> 'closed')
                  AND NOT EXISTS (SELECT 1 FROM circle_members m JOIN circles c ON c.id = m.circle_id
                                  WHERE m.person_id = p.id AND m.left_on IS NULL AND c.status <> 'closed')
            )
            WHERE last_activity < @Before
            ORDER BY last_activity, person_id
            """,
            new { Before = TypeHandlers.Format(before) },
            cancellationToken: cancellationToken))).ToList();
    }
}
