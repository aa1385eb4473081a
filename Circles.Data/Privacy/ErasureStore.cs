using Circles.Core.Privacy;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Privacy;

public sealed class ErasureStore(IDbConnectionFactory database) : IErasureStore
{
    private const string Erased = "(erased)";

    public async Task<ErasureState?> Find(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string FullName, string? Reason, string? SetBy, DateTimeOffset? SetAt, DateTimeOffset? ErasedAt)?>(new CommandDefinition(
            """
            SELECT p.id, p.full_name, p.legal_hold_reason, u.display_name, p.legal_hold_at, p.erased_at
            FROM people p LEFT JOIN users u ON u.id = p.legal_hold_by WHERE p.id = @Id
            """,
            new { Id = personId },
            cancellationToken: cancellationToken));
        return row is not { } r ? null : new ErasureState(r.Id, r.FullName, r.Reason is null ? null : new LegalHold(r.Reason, r.SetBy, r.SetAt!.Value), r.ErasedAt);
    }

    public async Task SetHold(long personId, string? reason, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE people SET legal_hold_reason = @Reason,
                legal_hold_by = CASE WHEN @Reason IS NULL THEN NULL ELSE @By END, legal_hold_at = CASE WHEN @Reason IS NULL THEN NULL ELSE @At END
            WHERE id = @Id
            """,
            new { Id = personId, Reason = reason, By = by, At = at },
            cancellationToken: cancellationToken));
    }

    public async Task Erase(IReadOnlyList<long> personIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (personIds.Count == 0)
        {
            return;
        }

        await using var connection = await database.Open(cancellationToken);
        // Freed pages are overwritten with zeros as the rows go, not merely unlinked.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA secure_delete = ON", cancellationToken: cancellationToken));
        foreach (var personId in personIds)
        {
            await Anonymise(connection, personId, at, cancellationToken);
        }

        // The full-text index keeps old words in its segments until rebuilt; then the file is rewritten without free
        // pages and the write-ahead log emptied, so no copy of the old details is left in the database's files.
        // (SQLite dialect: PostgreSQL would use VACUUM FULL on the tables concerned.)
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO people_search (people_search) VALUES ('rebuild')", cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("VACUUM", cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken));
    }

    private static async Task Anonymise(System.Data.Common.DbConnection connection, long personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var interests = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT interest_id FROM person_interests WHERE person_id = @Id", new { Id = personId }, transaction, cancellationToken: cancellationToken))).ToArray();
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE people SET full_name = @Erased, preferred_name = NULL, date_of_birth = NULL, email = NULL, phone = NULL, address = NULL,
                    postcode = NULL, communication_needs = NULL, notes = NULL, consent_method = NULL, preferred_channel = 'none',
                    erased_at = @At, updated_at = @At
                WHERE id = @Id;
                DELETE FROM person_profiles WHERE person_id = @Id;
                DELETE FROM relationships WHERE person_id = @Id;
                DELETE FROM person_interests WHERE person_id = @Id;
                UPDATE introductions SET introduced_by_detail = NULL, closed_reason = NULL WHERE person_id = @Id;
                UPDATE contacts SET notes = NULL WHERE person_id = @Id;
                UPDATE contributions SET what = @Erased, to_whom = NULL WHERE person_id = @Id;
                UPDATE goals SET goal = @Erased WHERE person_id = @Id;
                UPDATE follow_up_tasks SET reply_text = NULL, closing_note = NULL WHERE person_id = @Id;
                -- Paused for good: a NULL reason would mean "not paused" and put them back on the drifting list and in prompts.
                UPDATE check_in_cadences SET paused_reason = @Erased, paused_on = coalesce(paused_on, substr(@At, 1, 10)), checker_user_id = NULL WHERE person_id = @Id;
                UPDATE check_in_requests SET token = NULL WHERE person_id = @Id;
                UPDATE asset_connection_events SET note = NULL WHERE connection_id IN (SELECT id FROM asset_connections WHERE person_id = @Id);
                UPDATE audit_events SET detail = NULL WHERE entity_type = 'person' AND entity_id = @IdText;
                -- Their circle: its purpose, meeting notes and actions are about them.
                UPDATE meetings SET notes = NULL, place = NULL, online_link = NULL WHERE circle_id IN (SELECT id FROM circles WHERE focus_person_id = @Id);
                UPDATE actions SET description = @Erased
                WHERE circle_id IN (SELECT id FROM circles WHERE focus_person_id = @Id) OR owner_member_id IN (SELECT id FROM circle_members WHERE person_id = @Id);
                UPDATE circles SET purpose = @Erased, closed_reason = NULL, updated_at = @At WHERE focus_person_id = @Id;
                -- Messages to them, and to their circle's members (which name them).
                UPDATE message_events SET detail = NULL
                WHERE message_id IN (SELECT id FROM messages WHERE person_id = @Id OR circle_id IN (SELECT id FROM circles WHERE focus_person_id = @Id));
                -- Anything still waiting is cancelled, so nobody is sent "(erased)".
                UPDATE messages SET subject = @Erased, body = @Erased, recipient = CASE WHEN person_id = @Id THEN NULL ELSE recipient END,
                    unsubscribe_url = NULL, last_error = NULL, updated_at = @At,
                    status_reason = CASE WHEN status = 'pending' THEN 'Cancelled: the person was erased' ELSE status_reason END,
                    status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END
                WHERE person_id = @Id OR circle_id IN (SELECT id FROM circles WHERE focus_person_id = @Id);
                """,
                new { Id = personId, IdText = personId.ToString(System.Globalization.CultureInfo.InvariantCulture), Erased, At = at },
                transaction,
                cancellationToken: cancellationToken));
            // Interest words that now describe nobody and nothing go too.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM interests WHERE id IN @Ids
                  AND NOT EXISTS (SELECT 1 FROM person_interests x WHERE x.interest_id = interests.id)
                  AND NOT EXISTS (SELECT 1 FROM volunteer_interests x WHERE x.interest_id = interests.id)
                  AND NOT EXISTS (SELECT 1 FROM asset_interests x WHERE x.interest_id = interests.id)
                  AND NOT EXISTS (SELECT 1 FROM opportunity_interests x WHERE x.interest_id = interests.id)
                """,
                new { Ids = interests },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
