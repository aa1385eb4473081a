using Circles.Core.People;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.People;

public sealed class PersonLogStore(IDbConnectionFactory database) : IPersonLogStore
{
    public async Task<PersonLog> Read(long personId, CancellationToken cancellationToken)
    {
        var id = new { PersonId = personId };
        await using var connection = await database.Open(cancellationToken);
        var contacts = await connection.QueryAsync<ContactRecord>(new CommandDefinition(
            """
            SELECT c.id, c.kind, c.contacted_at, u.display_name AS by_name, c.notes
            FROM contacts c LEFT JOIN users u ON u.id = c.by_user_id
            WHERE c.person_id = @PersonId ORDER BY c.contacted_at DESC, c.id DESC LIMIT 20
            """,
            id,
            cancellationToken: cancellationToken));
        var contributions = await connection.QueryAsync<ContributionRecord>(new CommandDefinition(
            "SELECT id, what, to_whom, given_on FROM contributions WHERE person_id = @PersonId ORDER BY given_on DESC, id DESC LIMIT 50",
            id,
            cancellationToken: cancellationToken));
        var goals = await connection.QueryAsync<GoalRecord>(new CommandDefinition(
            "SELECT id, goal, status FROM goals WHERE person_id = @PersonId ORDER BY status <> 'working_on', id",
            id,
            cancellationToken: cancellationToken));
        return new PersonLog(contacts.ToList(), contributions.ToList(), goals.ToList());
    }

    public async Task<long> AddContact(long personId, string kind, DateTimeOffset at, string? notes, long byUserId, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO contacts (person_id, kind, contacted_at, by_user_id, notes, created_at)
            VALUES (@PersonId, @Kind, @At, @By, @Notes, @RecordedAt) RETURNING id
            """,
            new { PersonId = personId, Kind = kind, At = at, By = byUserId, Notes = notes, RecordedAt = recordedAt },
            cancellationToken: cancellationToken));
    }

    public async Task<long> AddContribution(long personId, string what, string? toWhom, DateOnly givenOn, long byUserId, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO contributions (person_id, what, to_whom, given_on, created_at, created_by)
            VALUES (@PersonId, @What, @ToWhom, @GivenOn, @RecordedAt, @By) RETURNING id
            """,
            new { PersonId = personId, What = what, ToWhom = toWhom, GivenOn = givenOn, RecordedAt = recordedAt, By = byUserId },
            cancellationToken: cancellationToken));
    }

    public async Task<long> AddGoal(long personId, string goal, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO goals (person_id, goal, created_at) VALUES (@PersonId, @Goal, @At) RETURNING id",
            new { PersonId = personId, Goal = goal, At = recordedAt },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> SetGoalStatus(long personId, long goalId, string status, DateOnly? achievedOn, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE goals SET status = @Status, achieved_on = @AchievedOn WHERE id = @GoalId AND person_id = @PersonId",
            new { PersonId = personId, GoalId = goalId, Status = status, AchievedOn = achievedOn },
            cancellationToken: cancellationToken)) == 1;
    }
}
