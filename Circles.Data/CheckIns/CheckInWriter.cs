using System.Data.Common;
using Circles.Core.CheckIns;
using Dapper;

namespace Circles.Data.CheckIns;

/// <summary>Writes check-ins and follow-ups inside the caller's transaction: an answer and its task commit together.</summary>
internal static class CheckInWriter
{
    public static async Task<long> Insert(DbConnection connection, DbTransaction transaction, NewCheckIn checkIn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO check_ins (person_id, taken_at, method, recorded_by, request_id, created_at)
            VALUES (@PersonId, @TakenAt, @Method, @RecordedBy, @RequestId, @Now)
            RETURNING id
            """,
            new { checkIn.PersonId, checkIn.TakenAt, checkIn.Method, checkIn.RecordedBy, checkIn.RequestId, Now = now },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO check_in_answers (check_in_id, question, answer) VALUES (@Id, @Question, @Answer)",
            checkIn.Answers.Select(a => new { Id = id, Question = a.Key, Answer = a.Value }),
            transaction,
            cancellationToken: cancellationToken));
        return id;
    }

    /// <summary>
    /// The person's connector now: their checker, or failing that whoever holds their open introduction. Follow-ups
    /// are listed by this, so a task moves with the person when their checker changes.
    /// </summary>
    public static string ConnectorOf(string personId) =>
        $"""
        coalesce(
            (SELECT c.checker_user_id FROM check_in_cadences c JOIN users u ON u.id = c.checker_user_id AND u.disabled_at IS NULL WHERE c.person_id = {personId}),
            (SELECT i.holder_user_id FROM introductions i JOIN users u ON u.id = i.holder_user_id AND u.disabled_at IS NULL
             WHERE i.person_id = {personId} AND i.status <> 'closed' ORDER BY i.introduced_on DESC, i.id DESC LIMIT 1))
        """;

    /// <summary>
    /// Adds the task unless its key is already there. It is for the person's connector (see <see cref="ConnectorOf"/>);
    /// with none it is left for the area's coordinators.
    /// </summary>
    public static async Task<bool> AddFollowUp(DbConnection connection, DbTransaction? transaction, NewFollowUp task, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO follow_up_tasks (person_id, assigned_user_id, reason, check_in_id, request_id, reply_text, dedupe_key, due_on, created_at)
            VALUES (@PersonId, {ConnectorOf("@PersonId")}, @Reason, @CheckInId, @RequestId, @ReplyText, @DedupeKey, @DueOn, @Now)
            ON CONFLICT (dedupe_key) DO NOTHING
            """,
            new { task.PersonId, task.Reason, task.CheckInId, task.RequestId, task.ReplyText, task.DedupeKey, task.DueOn, Now = now },
            transaction,
            cancellationToken: cancellationToken)) == 1;
}
