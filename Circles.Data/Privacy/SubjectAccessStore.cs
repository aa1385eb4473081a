using System.Data.Common;
using Circles.Core.Privacy;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Privacy;

public sealed class SubjectAccessStore(IDbConnectionFactory database) : ISubjectAccessStore
{
    // Tables that hold something about a person through another table, with the query that finds their rows.
    private static readonly (string Name, string Sql)[] Linked =
    [
        ("circles", "SELECT * FROM circles WHERE focus_person_id = @Id"),
        ("meetings",
            """
            SELECT * FROM meetings WHERE circle_id IN (SELECT id FROM circles WHERE focus_person_id = @Id)
               OR id IN (SELECT a.meeting_id FROM meeting_attendance a JOIN circle_members m ON m.id = a.member_id WHERE m.person_id = @Id)
            ORDER BY starts_at
            """),
        ("meeting_attendance", "SELECT a.* FROM meeting_attendance a JOIN circle_members m ON m.id = a.member_id WHERE m.person_id = @Id"),
        ("actions",
            """
            SELECT * FROM actions WHERE circle_id IN (SELECT id FROM circles WHERE focus_person_id = @Id)
               OR owner_member_id IN (SELECT id FROM circle_members WHERE person_id = @Id)
            ORDER BY id
            """),
        ("interests", "SELECT i.name FROM person_interests pi JOIN interests i ON i.id = pi.interest_id WHERE pi.person_id = @Id ORDER BY i.name"),
        ("check_in_answers", "SELECT a.* FROM check_in_answers a JOIN check_ins c ON c.id = a.check_in_id WHERE c.person_id = @Id"),
        ("message_events", "SELECT e.* FROM message_events e JOIN messages m ON m.id = e.message_id WHERE m.person_id = @Id ORDER BY e.id"),
        ("asset_connection_events", "SELECT e.*, a.name AS asset_name FROM asset_connection_events e JOIN asset_connections c ON c.id = e.connection_id JOIN community_assets a ON a.id = c.asset_id WHERE c.person_id = @Id"),
        ("audit_events", "SELECT * FROM audit_events WHERE entity_type = 'person' AND entity_id = @IdText ORDER BY id"),
    ];

    public async Task<IReadOnlyList<DataSection>> Collect(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var parameters = new { Id = personId, IdText = personId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var sections = new List<DataSection> { await Section(connection, "person", "SELECT * FROM people WHERE id = @Id", parameters, cancellationToken) };

        // Every table with a person_id column: part of the SQLite dialect seam (PostgreSQL would ask information_schema).
        var tables = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND c.name = 'person_id' AND m.name NOT LIKE 'sqlite_%'
            ORDER BY m.name
            """,
            cancellationToken: cancellationToken));
        foreach (var table in tables)
        {
            // The names come from the schema itself, never from a request; quoted all the same.
            sections.Add(await Section(connection, table, $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WHERE person_id = @Id", parameters, cancellationToken));
        }

        foreach (var (name, sql) in Linked)
        {
            sections.Add(await Section(connection, name, sql, parameters, cancellationToken));
        }

        return sections;
    }

    private static async Task<DataSection> Section(DbConnection connection, string name, string sql, object parameters, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return new DataSection(name, rows.Select(r => (IReadOnlyDictionary<string, object?>)((IDictionary<string, object?>)r).ToDictionary(kv => kv.Key, kv => kv.Value)).ToList());
    }
}
