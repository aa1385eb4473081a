using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Data.Messaging;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.CheckIns;

public sealed class CheckInRequestStore(IDbConnectionFactory database) : ICheckInRequestStore
{
    private const string SelectRequest = "SELECT id, person_id, due_on, asked_at, expires_at, answered_at, token FROM check_in_requests";

    private sealed record Candidate
    {
        public long PersonId { get; init; }

        public int IdealDays { get; init; }

        public int MaximumDays { get; init; }

        public DateOnly StartedOn { get; init; }

        public DateTimeOffset? LastContactAt { get; init; }

        public DateOnly? AskByMessageSince { get; init; }

        public long? CheckerUserId { get; init; }

        public long? AreaId { get; init; }
    }

    public async Task<IReadOnlyList<CheckInPromptInputs>> PromptCandidates(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        // The clock's start is worked out here on UTC dates, a day either side of the London date at most, so the
        // range is widened by two days and the exact days are left to CheckInPromptInputs.
        var rows = await connection.QueryAsync<Candidate>(new CommandDefinition(
            $"""
            SELECT * FROM (
                SELECT c.person_id, c.ideal_days, c.maximum_days, c.started_on, c.ask_by_message_since, c.checker_user_id, p.area_id,
                       {CheckInStore.LastContactAt} AS last_contact_at
                FROM check_in_cadences c JOIN people p ON p.id = c.person_id
                WHERE c.paused_reason IS NULL) d
            WHERE date(max(d.started_on, coalesce(substr(d.last_contact_at, 1, 10), d.started_on)), '+' || d.ideal_days || ' days') BETWEEN date(@First, '-2 days') AND date(@Last, '+2 days')
               OR date(max(d.started_on, coalesce(substr(d.last_contact_at, 1, 10), d.started_on)), '+' || d.maximum_days || ' days') BETWEEN date(@First, '-2 days') AND date(@Last, '+2 days')
            ORDER BY d.person_id
            """,
            new { First = firstDay, Last = lastDay },
            cancellationToken: cancellationToken));
        var users = new Dictionary<long, Contact?>();
        var coordinators = new Dictionary<long, IReadOnlyList<Contact>>();
        var result = new List<CheckInPromptInputs>();
        foreach (var row in rows)
        {
            if (await CircleReminders.PersonContact(connection, null, row.PersonId, cancellationToken) is not { } person)
            {
                continue;
            }

            var checker = row.CheckerUserId is { } checkerId ? await CircleReminders.UserContact(connection, users, checkerId, cancellationToken) : null;

            var areaCoordinators = row.AreaId is not { } areaId ? []
                : coordinators.TryGetValue(areaId, out var known) ? known
                : coordinators[areaId] = await CircleReminders.AreaCoordinators(connection, areaId, users, cancellationToken);
            result.Add(new CheckInPromptInputs
            {
                PersonId = row.PersonId,
                Person = person,
                IdealDays = row.IdealDays,
                MaximumDays = row.MaximumDays,
                StartedOn = row.StartedOn,
                LastContactAt = row.LastContactAt,
                AskByMessageSince = row.AskByMessageSince,
                Checker = checker,
                Coordinators = areaCoordinators,
            });
        }

        return result;
    }

    public async Task<CheckInRequest> Ensure(long personId, DateOnly dueOn, DateTimeOffset askAt, DateTimeOffset expiresAt, Func<long, string> token, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.QuerySingleOrDefaultAsync<CheckInRequest>(new CommandDefinition(
            $"{SelectRequest} WHERE person_id = @PersonId AND due_on = @DueOn", new { PersonId = personId, DueOn = dueOn }, transaction, cancellationToken: cancellationToken));
        if (existing is not null)
        {
            return existing;
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO check_in_requests (person_id, due_on, asked_at, expires_at) VALUES (@PersonId, @DueOn, @AskAt, @ExpiresAt) RETURNING id",
            new { PersonId = personId, DueOn = dueOn, AskAt = askAt, ExpiresAt = expiresAt },
            transaction,
            cancellationToken: cancellationToken));
        var signed = token(id);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE check_in_requests SET token = @Token WHERE id = @Id", new { Id = id, Token = signed }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new CheckInRequest { Id = id, PersonId = personId, DueOn = dueOn, AskedAt = askAt, ExpiresAt = expiresAt, Token = signed };
    }

    public async Task<CheckInRequest?> Find(long requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CheckInRequest>(new CommandDefinition(
            $"{SelectRequest} WHERE id = @Id", new { Id = requestId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<CheckInRequest>> Unanswered(DateTimeOffset sentBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<CheckInRequest>(new CommandDefinition(
            // A question counts as asked once its message has gone: a cancelled or unsendable one was never seen.
            $"""
            SELECT r.id, r.person_id, r.due_on, r.asked_at, r.expires_at, r.answered_at, r.token
            FROM check_in_requests r
            JOIN people p ON p.id = r.person_id
            JOIN check_in_cadences c ON c.person_id = r.person_id AND c.paused_reason IS NULL AND c.ask_by_message_since IS NOT NULL
            WHERE r.answered_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM follow_up_tasks t WHERE t.request_id = r.id)
              -- Someone has been in touch since the question went: no need to chase it.
              AND coalesce({CheckInStore.LastContactAt}, '') <= r.asked_at
              AND EXISTS (SELECT 1 FROM messages m WHERE m.source_type = '{CheckInPromptSourceTypes.Request}' AND m.source_id = r.id
                          AND m.status IN ('sent', 'delivered') AND m.sent_at <= @SentBefore)
            ORDER BY r.id
            """,
            new { SentBefore = sentBefore },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private sealed record SentTo
    {
        public long Id { get; init; }

        public string? Recipient { get; init; }
    }

    public async Task<CheckInRequest?> OpenForPhone(string phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (UkFormats.MobileKey(phone) is not { } key)
        {
            return null;
        }

        await using var connection = await database.Open(cancellationToken);
        // Numbers are stored as people typed them, so they are compared in code; open requests are few.
        var sent = await connection.QueryAsync<SentTo>(new CommandDefinition(
            """
            SELECT r.id, m.recipient
            FROM check_in_requests r
            JOIN messages m ON m.source_type = 'check_in_request' AND m.source_id = r.id AND m.channel = 'Text' AND m.status IN ('sent', 'delivered')
            WHERE r.answered_at IS NULL AND r.expires_at > @Now
            ORDER BY m.sent_at DESC, r.id DESC
            """,
            new { Now = now },
            cancellationToken: cancellationToken));
        return sent.FirstOrDefault(s => UkFormats.MobileKey(s.Recipient) == key) is { } match ? await Find(match.Id, cancellationToken) : null;
    }

    public async Task<bool> Answer(long requestId, NewCheckIn checkIn, NewFollowUp? followUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await UseUp(connection, transaction, requestId, now, cancellationToken))
        {
            return false;
        }

        var id = await CheckInWriter.Insert(connection, transaction, checkIn, now, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE check_in_requests SET check_in_id = @CheckInId WHERE id = @Id", new { Id = requestId, CheckInId = id }, transaction, cancellationToken: cancellationToken));
        if (followUp is not null)
        {
            await CheckInWriter.AddFollowUp(connection, transaction, followUp with { CheckInId = id }, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> AnswerUnreadable(long requestId, NewFollowUp followUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await UseUp(connection, transaction, requestId, now, cancellationToken))
        {
            return false;
        }

        await TextToRead(connection, transaction, followUp, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task AddTextToRead(NewFollowUp followUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TextToRead(connection, transaction, followUp, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // They wrote to us: that is contact, whatever it said, and a person reads it.
    private static async Task TextToRead(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, NewFollowUp followUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await CheckInWriter.AddFollowUp(connection, transaction, followUp, now, cancellationToken))
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO contacts (person_id, kind, contacted_at, notes, created_at) VALUES (@PersonId, 'message', @Now, 'Sent us a text message', @Now)",
            new { followUp.PersonId, Now = now },
            transaction,
            cancellationToken: cancellationToken));
    }

    private sealed record Phone
    {
        public long PersonId { get; init; }

        public string? Number { get; init; }
    }

    public async Task<long?> PersonForPhone(string phone, CancellationToken cancellationToken)
    {
        if (UkFormats.MobileKey(phone) is not { } key)
        {
            return null;
        }

        await using var connection = await database.Open(cancellationToken);
        // People on a check-in cadence are the ones we text; numbers are stored as typed, so compared in code.
        var phones = await connection.QueryAsync<Phone>(new CommandDefinition(
            "SELECT p.id AS person_id, p.phone AS number FROM people p JOIN check_in_cadences c ON c.person_id = p.id WHERE p.phone IS NOT NULL",
            cancellationToken: cancellationToken));
        var matches = phones.Where(p => UkFormats.MobileKey(p.Number) == key).Select(p => p.PersonId).Distinct().ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    // Single use: only the first answer before expiry changes the row; any other finds it used and writes nothing.
    private static async Task<bool> UseUp(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long requestId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE check_in_requests SET answered_at = @Now WHERE id = @Id AND answered_at IS NULL AND expires_at > @Now",
            new { Id = requestId, Now = now },
            transaction,
            cancellationToken: cancellationToken)) == 1;
}
