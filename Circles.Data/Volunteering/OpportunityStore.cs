using Circles.Core.Common;
using Circles.Core.Volunteering;
using Circles.Data.People;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Volunteering;

public sealed class OpportunityStore(IDbConnectionFactory database) : IOpportunityStore
{
    private const string Columns =
        "o.id, o.title, o.summary, o.kind, o.area_id, a.name AS area_name, o.status, o.created_at FROM volunteer_opportunities o JOIN areas a ON a.id = o.area_id";

    public async Task<long> Add(NewOpportunity opportunity, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO volunteer_opportunities (title, summary, kind, area_id, status, created_at, created_by, updated_at)
            VALUES (@Title, @Summary, @Kind, @AreaId, @Status, @At, @By, @At)
            RETURNING id
            """,
            new { opportunity.Title, opportunity.Summary, opportunity.Kind, opportunity.AreaId, opportunity.Status, At = at, By = by },
            transaction,
            cancellationToken: cancellationToken));
        await Interests.Attach(connection, transaction, "opportunity_interests", "opportunity_id", id, opportunity.Interests, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task Change(long id, NewOpportunity opportunity, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE volunteer_opportunities SET title = @Title, summary = @Summary, kind = @Kind, area_id = @AreaId, status = @Status, updated_at = @At WHERE id = @Id;
            DELETE FROM opportunity_interests WHERE opportunity_id = @Id;
            """,
            new { Id = id, opportunity.Title, opportunity.Summary, opportunity.Kind, opportunity.AreaId, opportunity.Status, At = at },
            transaction,
            cancellationToken: cancellationToken));
        await Interests.Attach(connection, transaction, "opportunity_interests", "opportunity_id", id, opportunity.Interests, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Opportunity?> Find(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<Opportunity>(new CommandDefinition(
            $"SELECT {Columns} WHERE o.id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return found is null ? null : (await WithInterests(connection, [found], cancellationToken))[0];
    }

    public async Task<Page<Opportunity>> ListOpen(long? areaId, string? interest, Paging paging, CancellationToken cancellationToken)
    {
        var where = new List<string> { "o.status = 'open'" };
        var parameters = new DynamicParameters();
        if (areaId is not null)
        {
            where.Add("o.area_id = @AreaId");
            parameters.Add("AreaId", areaId);
        }

        if (interest is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM opportunity_interests oi JOIN interests i ON i.id = oi.interest_id WHERE oi.opportunity_id = o.id AND lower(i.name) = lower(@Interest))");
            parameters.Add("Interest", interest);
        }

        return await List(string.Join(" AND ", where), parameters, "o.created_at DESC, o.id DESC", paging, cancellationToken);
    }

    public async Task<Page<Opportunity>> ListForStaff(Viewer viewer, Paging paging, CancellationToken cancellationToken) =>
        await List(viewer.SeesAllAreas ? "1 = 1" : "o.area_id IN @AreaIds", new DynamicParameters(new { AreaIds = viewer.AreaIds.ToArray() }),
            "o.status = 'closed', o.created_at DESC, o.id DESC", paging, cancellationToken);

    private async Task<Page<Opportunity>> List(string where, DynamicParameters parameters, string order, Paging paging, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var page = await CountThenPage<Opportunity>(
            connection,
            $"SELECT count(*) FROM volunteer_opportunities o WHERE {where}",
            $"SELECT {Columns} WHERE {where} ORDER BY {order} {PageLimit}",
            parameters,
            paging,
            cancellationToken);
        return page with { Items = await WithInterests(connection, page.Items.ToList(), cancellationToken) };
    }

    private static async Task<IReadOnlyList<Opportunity>> WithInterests(System.Data.Common.DbConnection connection, IReadOnlyList<Opportunity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var interests = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT oi.opportunity_id, i.name FROM opportunity_interests oi JOIN interests i ON i.id = oi.interest_id WHERE oi.opportunity_id IN @Ids ORDER BY i.name COLLATE NOCASE",
            new { Ids = rows.Select(r => r.Id).ToArray() },
            cancellationToken: cancellationToken))).ToLookup(r => r.Id, r => r.Name);
        return rows.Select(r => r with { Interests = interests[r.Id].ToList() }).ToList();
    }
}
