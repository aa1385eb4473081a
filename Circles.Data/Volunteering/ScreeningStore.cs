using Circles.Core.Common;
using Circles.Core.Volunteering;
using Circles.Data.People;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Volunteering;

public sealed class ScreeningStore(IDbConnectionFactory database) : IScreeningStore
{
    public async Task<Page<VolunteerSummary>> List(Viewer viewer, string? status, Paging paging, CancellationToken cancellationToken)
    {
        var where = viewer.SeesAllAreas ? "1 = 1" : "v.area_id IN @AreaIds";
        var parameters = new DynamicParameters(new { AreaIds = viewer.AreaIds.ToArray() });
        if (status is not null)
        {
            where += " AND v.status = @Status";
            parameters.Add("Status", status);
        }

        await using var connection = await database.Open(cancellationToken);
        return await CountThenPage<VolunteerSummary>(
            connection,
            $"SELECT count(*) FROM volunteers v WHERE {where}",
            $"""
            SELECT v.id, v.full_name, v.status, v.inactive_reason, a.name AS area_name, o.title AS opportunity_title, v.applied_at
            FROM volunteers v JOIN areas a ON a.id = v.area_id LEFT JOIN volunteer_opportunities o ON o.id = v.opportunity_id
            WHERE {where}
            ORDER BY CASE v.status WHEN 'applied' THEN 0 WHEN 'screening' THEN 1 WHEN 'approved' THEN 2 ELSE 3 END, v.applied_at DESC, v.id DESC
            {PageLimit}
            """,
            parameters,
            paging,
            cancellationToken);
    }

    public async Task<IReadOnlyList<VolunteerSummary>> Approved(long areaId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<VolunteerSummary>(new CommandDefinition(
            """
            SELECT v.id, v.full_name, v.status, a.name AS area_name, v.applied_at
            FROM volunteers v JOIN areas a ON a.id = v.area_id
            WHERE v.area_id = @AreaId AND v.status = 'approved'
            ORDER BY v.full_name COLLATE NOCASE
            """,
            new { AreaId = areaId },
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<VolunteerRecord?> Find(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<VolunteerRecord>(new CommandDefinition(
            """
            SELECT v.id, v.full_name, v.email, v.phone, v.postcode, v.interests, v.availability, v.motivation, v.area_id, a.name AS area_name,
                   o.title AS opportunity_title, v.status, v.inactive_reason, v.user_id, v.appreciated_for, v.important_to_them, v.best_supported_by, v.applied_at
            FROM volunteers v JOIN areas a ON a.id = v.area_id LEFT JOIN volunteer_opportunities o ON o.id = v.opportunity_id
            WHERE v.id = @Id
            """,
            new { Id = id },
            cancellationToken: cancellationToken));
        if (found is null)
        {
            return null;
        }

        var referees = await connection.QueryAsync<RefereeRecord>(new CommandDefinition(
            "SELECT id, name, contact, relationship, requested_on, received_on FROM volunteer_referees WHERE volunteer_id = @Id ORDER BY id",
            new { Id = id },
            cancellationToken: cancellationToken));
        var history = await connection.QueryAsync<VolunteerEvent>(new CommandDefinition(
            """
            SELECT e.kind, e.detail, e.happened_on, u.display_name AS recorded_by_name
            FROM volunteer_events e LEFT JOIN users u ON u.id = e.recorded_by
            WHERE e.volunteer_id = @Id ORDER BY e.happened_on DESC, e.id DESC
            """,
            new { Id = id },
            cancellationToken: cancellationToken));
        return found with { Referees = referees.ToList(), History = history.ToList() };
    }

    public async Task SetStatus(long id, string status, string? reason, string detail, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE volunteers SET status = @Status, inactive_reason = @Reason, updated_at = @At WHERE id = @Id",
            new { Id = id, Status = status, Reason = reason, At = at },
            transaction,
            cancellationToken: cancellationToken));
        await Event(connection, transaction, id, "status", detail, UkTime.DateOfInstant(at), by, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> MarkReferee(long id, long refereeId, bool received, DateOnly on, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var name = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            received
                ? "UPDATE volunteer_referees SET received_on = @On, requested_on = coalesce(requested_on, @On) WHERE id = @RefereeId AND volunteer_id = @Id RETURNING name"
                : "UPDATE volunteer_referees SET requested_on = @On WHERE id = @RefereeId AND volunteer_id = @Id RETURNING name",
            new { Id = id, RefereeId = refereeId, On = on },
            transaction,
            cancellationToken: cancellationToken));
        if (name is null)
        {
            return false;
        }

        await Event(connection, transaction, id, "reference", (received ? "Reference received from " : "Reference requested from ") + name, on, by, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task AddEvent(long id, string kind, string detail, DateOnly on, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await Event(connection, null, id, kind, detail, on, by, at, cancellationToken);
    }

    public async Task SaveProfile(long id, string? appreciatedFor, string? importantToThem, string? bestSupportedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE volunteers SET appreciated_for = @AppreciatedFor, important_to_them = @ImportantToThem, best_supported_by = @BestSupportedBy, updated_at = @At WHERE id = @Id",
            new { Id = id, AppreciatedFor = appreciatedFor, ImportantToThem = importantToThem, BestSupportedBy = bestSupportedBy, At = at },
            cancellationToken: cancellationToken));
    }

    public async Task Approve(long id, long userId, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE volunteers SET status = 'approved', inactive_reason = NULL, user_id = @UserId, updated_at = @At WHERE id = @Id;
            INSERT INTO volunteer_profiles (user_id, postcode, availability, updated_at)
            SELECT @UserId, postcode, availability, @At FROM volunteers WHERE id = @Id
            ON CONFLICT (user_id) DO UPDATE SET postcode = excluded.postcode, availability = excluded.availability, updated_at = excluded.updated_at;
            """,
            new { Id = id, UserId = userId, At = at },
            transaction,
            cancellationToken: cancellationToken));
        var interests = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT interests FROM volunteers WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await Interests.Attach(connection, transaction, "volunteer_interests", "user_id", userId, Core.People.PersonRules.SplitInterests(interests), at, cancellationToken);
        await Event(connection, transaction, id, "status", "Approved and invited to make an account", UkTime.DateOfInstant(at), by, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Task Event(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long id, string kind, string detail, DateOnly on, long by, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO volunteer_events (volunteer_id, kind, detail, happened_on, recorded_at, recorded_by) VALUES (@Id, @Kind, @Detail, @On, @At, @By)",
            new { Id = id, Kind = kind, Detail = detail, On = on, At = at, By = by },
            transaction,
            cancellationToken: cancellationToken));
}
