using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Circles.Core.Assets;
using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Data.People;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Assets;

public sealed class AssetStore(IDbConnectionFactory database) : IAssetStore
{
    internal const string DetailColumns =
        """
        a.id, a.uid, a.name, a.kind, a.description, a.address, a.postcode, a.latitude, a.longitude, a.contact_name, a.contact_email,
        a.contact_phone, a.website, a.cost, a.accessibility AS accessibility_stored, a.status, a.area_id, ar.name AS area_name,
        a.last_verified_on, v.display_name AS last_verified_by_name, c.display_name AS created_by_name, a.created_at, a.updated_at
        """;

    internal const string DetailJoins =
        """
        JOIN areas ar ON ar.id = a.area_id
        LEFT JOIN users v ON v.id = a.last_verified_by
        LEFT JOIN users c ON c.id = a.created_by
        """;

    internal const string SummaryColumns =
        """
        a.id, a.name, a.kind, a.status, a.description, a.postcode, a.latitude, a.longitude, a.tags, a.accessibility AS accessibility_stored,
        a.cost, (SELECT ar.name FROM areas ar WHERE ar.id = a.area_id) AS area_name
        """;

    // Individuals' gifts and skills are personal data: only those who work in the area find them.
    private static string InReach(Viewer viewer) => viewer.SeesAllAreas ? "1 = 1" : "(a.kind <> 'individual' OR a.area_id IN @AreaIds)";

    public async Task<long> Add(NewAsset asset, long addedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await Insert(connection, transaction, asset, addedBy, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task Change(long assetId, NewAsset asset, long changedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Update(connection, transaction, assetId, asset, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static object Row(NewAsset asset, DateTimeOffset at, long? by) => new
    {
        asset.Uid, asset.Name, asset.Kind, asset.Description, asset.Address, asset.Postcode, asset.Latitude, asset.Longitude,
        asset.ContactName, asset.ContactEmail, asset.ContactPhone, asset.Website, asset.Cost,
        Accessibility = AccessibilityFeatures.Store(asset.Accessibility), asset.Status, asset.AreaId,
        Tags = string.Join(", ", asset.Tags), asset.LastVerifiedOn, Today = UkTime.DateOfInstant(at), By = by, At = at,
    };

    private static async Task<long> Insert(DbConnection connection, DbTransaction transaction, NewAsset asset, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO community_assets (uid, name, kind, description, address, postcode, latitude, longitude, contact_name, contact_email,
                contact_phone, website, cost, accessibility, status, area_id, tags, last_verified_on, last_verified_by, created_at, created_by, updated_at)
            VALUES (@Uid, @Name, @Kind, @Description, @Address, @Postcode, @Latitude, @Longitude, @ContactName, @ContactEmail,
                @ContactPhone, @Website, @Cost, @Accessibility, @Status, @AreaId, @Tags, coalesce(@LastVerifiedOn, @Today),
                CASE WHEN @LastVerifiedOn IS NULL THEN @By END, @At, @By, @At)
            RETURNING id
            """,
            Row(asset, at, by),
            transaction,
            cancellationToken: cancellationToken));
        await Attach(connection, transaction, id, asset, at, cancellationToken);
        return id;
    }

    private static async Task Update(DbConnection connection, DbTransaction transaction, long id, NewAsset asset, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Row(asset, at, null));
        parameters.Add("Id", id);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE community_assets SET name = @Name, kind = @Kind, description = @Description, address = @Address, postcode = @Postcode,
                latitude = @Latitude, longitude = @Longitude, contact_name = @ContactName, contact_email = @ContactEmail, contact_phone = @ContactPhone,
                website = @Website, cost = @Cost, accessibility = @Accessibility, status = @Status, area_id = @AreaId, tags = @Tags,
                -- A date from a file says when, not who: whoever checked before is no longer known.
                last_verified_by = CASE WHEN @LastVerifiedOn IS NULL OR @LastVerifiedOn = last_verified_on THEN last_verified_by END,
                last_verified_on = coalesce(@LastVerifiedOn, last_verified_on), updated_at = @At
            WHERE id = @Id;
            DELETE FROM asset_interests WHERE asset_id = @Id;
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken));
        // Regular times keep their ids (Open Referral UK publishes them) in order; an import's carry none of their own.
        var kept = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT uid FROM asset_schedules WHERE asset_id = @Id ORDER BY id", new { Id = id }, transaction, cancellationToken: cancellationToken))).ToList();
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM asset_schedules WHERE asset_id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        asset = asset with { Schedules = asset.Schedules.Select((s, i) => s.Uid is null && i < kept.Count ? s with { Uid = kept[i] } : s).ToList() };
        await Attach(connection, transaction, id, asset, at, cancellationToken);
    }

    private static async Task Attach(DbConnection connection, DbTransaction transaction, long id, NewAsset asset, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await Interests.Attach(connection, transaction, "asset_interests", "asset_id", id, asset.Tags, at, cancellationToken);
        foreach (var schedule in asset.Schedules)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO asset_schedules (uid, asset_id, freq, interval, byday, opens_at, closes_at)
                VALUES (@Uid, @AssetId, @Freq, @Interval, @ByDay, @OpensAt, @ClosesAt)
                """,
                new
                {
                    Uid = schedule.Uid ?? Guid.NewGuid().ToString(), AssetId = id, schedule.Freq, schedule.Interval, schedule.ByDay,
                    OpensAt = schedule.OpensAt?.ToString("HH:mm", CultureInfo.InvariantCulture), ClosesAt = schedule.ClosesAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
                },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    public async Task<AssetDetails?> Find(long assetId, CancellationToken cancellationToken) =>
        await FindWhere("a.id = @Id", new { Id = assetId }, cancellationToken);

    public async Task<AssetDetails?> FindByUid(string uid, CancellationToken cancellationToken) =>
        await FindWhere("a.uid = @Uid", new { Uid = uid }, cancellationToken);

    private async Task<AssetDetails?> FindWhere(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var asset = await connection.QuerySingleOrDefaultAsync<AssetDetails>(new CommandDefinition(
            $"SELECT {DetailColumns} FROM community_assets a {DetailJoins} WHERE {where}", parameters, cancellationToken: cancellationToken));
        return asset is null ? null : (await Complete(connection, [asset], cancellationToken))[0];
    }

    /// <summary>Adds interests and regular times to assets read without them: two queries however many assets.</summary>
    internal static async Task<IReadOnlyList<AssetDetails>> Complete(DbConnection connection, IReadOnlyList<AssetDetails> assets, CancellationToken cancellationToken)
    {
        if (assets.Count == 0)
        {
            return assets;
        }

        var ids = assets.Select(a => a.Id).ToArray();
        var tags = (await connection.QueryAsync<(long AssetId, string Name)>(new CommandDefinition(
            "SELECT ai.asset_id, i.name FROM asset_interests ai JOIN interests i ON i.id = ai.interest_id WHERE ai.asset_id IN @Ids ORDER BY i.name COLLATE NOCASE",
            new { Ids = ids },
            cancellationToken: cancellationToken))).ToLookup(t => t.AssetId, t => t.Name);
        var schedules = await Schedules(connection, ids, cancellationToken);
        return assets.Select(a => a with { Tags = tags[a.Id].ToList(), Schedules = schedules[a.Id].ToList() }).ToList();
    }

    internal static async Task<ILookup<long, AssetSchedule>> Schedules(DbConnection connection, long[] assetIds, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(
            "SELECT asset_id, uid, freq, interval, byday, opens_at, closes_at FROM asset_schedules WHERE asset_id IN @Ids ORDER BY id",
            new { Ids = assetIds },
            cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.AssetId, r => new AssetSchedule
        {
            Uid = r.Uid, Freq = r.Freq, Interval = (int)r.Interval, ByDay = r.Byday,
            OpensAt = r.OpensAt is null ? null : TimeOnly.ParseExact(r.OpensAt, "HH:mm", CultureInfo.InvariantCulture),
            ClosesAt = r.ClosesAt is null ? null : TimeOnly.ParseExact(r.ClosesAt, "HH:mm", CultureInfo.InvariantCulture),
        });
    }

    private sealed record ScheduleRow
    {
        public long AssetId { get; init; }

        public string Uid { get; init; } = "";

        public string Freq { get; init; } = "";

        public long Interval { get; init; }

        public string Byday { get; init; } = "";

        public string? OpensAt { get; init; }

        public string? ClosesAt { get; init; }
    }

    public async Task<Page<AssetSummary>> Search(Viewer viewer, AssetFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { AreaIds = viewer.AreaIds.ToArray() });
        var where = new List<string> { InReach(viewer) };
        var match = FullText.PrefixQuery(filter.Text);
        var from = "FROM community_assets a";
        if (filter.Near is { } near && filter.WithinKm is { } km)
        {
            // Near somewhere: the assets close by (read from the location index) and those with no fixed place. Words
            // then only decide which of those match ('+' keeps the planner from starting with every match in the country).
            where.Add($"({Within(near, km, parameters)} OR a.latitude IS NULL)");
            if (match is not null)
            {
                where.Add("+a.id IN (SELECT rowid FROM asset_search WHERE asset_search MATCH @Match)");
                parameters.Add("Match", match);
            }
        }
        else if (match is not null)
        {
            from = "FROM asset_search s JOIN community_assets a ON a.id = s.rowid";
            where.Add("asset_search MATCH @Match");
            parameters.Add("Match", match);
        }

        AddFilters(filter, where, parameters);
        var order = OrderBy(filter.Near, match is not null, parameters, "a.name COLLATE NOCASE, a.id");
        var whereSql = string.Join(" AND ", where);
        await using var connection = await database.Open(cancellationToken);
        // Ranked by words or by distance, every match is gathered and sorted anyway: count them in the same pass.
        // Otherwise the list walks the name index and stops at the page, after its own cheap count.
        var page = match is not null || filter.Near is not null
            ? await PageWithTotal<AssetSummary>(
                connection,
                $"SELECT {SummaryColumns}, count(*) OVER () AS total_rows {from} WHERE {whereSql} ORDER BY {order} {PageLimit}",
                $"SELECT count(*) {from} WHERE {whereSql}",
                parameters,
                paging,
                cancellationToken)
            : await CountThenPage<AssetSummary>(
                connection,
                $"SELECT count(*) {from} WHERE {whereSql}",
                $"SELECT {SummaryColumns} {from} WHERE {whereSql} ORDER BY {order} {PageLimit}",
                parameters,
                paging,
                cancellationToken);
        return page with { Items = await WithSchedules(connection, page.Items.ToList(), cancellationToken) };
    }

    private static void AddFilters(AssetFilter filter, List<string> where, DynamicParameters parameters)
    {
        if (filter.Kind is not null)
        {
            where.Add("a.kind = @Kind");
            parameters.Add("Kind", filter.Kind);
        }

        if (filter.Status is not null)
        {
            where.Add("a.status = @Status");
            parameters.Add("Status", filter.Status);
        }

        if (filter.Tag is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM asset_interests ai JOIN interests i ON i.id = ai.interest_id WHERE ai.asset_id = a.id AND lower(i.name) = lower(@Tag))");
            parameters.Add("Tag", filter.Tag);
        }

        if (filter.Day is not null)
        {
            // BYDAY items are "TU" or "2TU": a day's two letters end an item, so match them before a comma or at the end.
            where.Add("EXISTS (SELECT 1 FROM asset_schedules sc WHERE sc.asset_id = a.id AND (',' || sc.byday || ',') LIKE @DayPattern)");
            parameters.Add("DayPattern", $"%{filter.Day},%");
        }

        for (var i = 0; i < filter.Accessibility.Count; i++)
        {
            where.Add($"a.accessibility LIKE @Access{i}");
            parameters.Add($"Access{i}", $"%,{filter.Accessibility[i]},%");
        }
    }

    private const double KilometresPerDegree = 111.2;

    /// <summary>
    /// Assets within <paramref name="km"/> of <paramref name="near"/>: a box on the location index, so only assets that
    /// could be inside it are read, then the circle inside the box by the flat-earth distance <see cref="OrderBy"/> uses.
    /// </summary>
    internal static string Within(Core.Matching.Location near, double km, DynamicParameters parameters)
    {
        var latSpan = km / KilometresPerDegree;
        var lonSpan = km / (KilometresPerDegree * Math.Max(0.1, Math.Cos(near.Latitude * Math.PI / 180)));
        AddOrigin(near, parameters);
        parameters.Add("RadiusSquared", latSpan * latSpan);
        parameters.Add("MinLat", near.Latitude - latSpan);
        parameters.Add("MaxLat", near.Latitude + latSpan);
        parameters.Add("MinLon", near.Longitude - lonSpan);
        parameters.Add("MaxLon", near.Longitude + lonSpan);
        return $"a.latitude BETWEEN @MinLat AND @MaxLat AND a.longitude BETWEEN @MinLon AND @MaxLon AND {FlatDistanceSquared} <= @RadiusSquared";
    }

    private const string FlatDistanceSquared = "((a.latitude - @Lat) * (a.latitude - @Lat) + (a.longitude - @Lon) * (a.longitude - @Lon) * @LonScale)";

    private static void AddOrigin(Core.Matching.Location origin, DynamicParameters parameters)
    {
        parameters.Add("Lat", origin.Latitude);
        parameters.Add("Lon", origin.Longitude);
        parameters.Add("LonScale", Math.Pow(Math.Cos(origin.Latitude * Math.PI / 180), 2));
    }

    /// <summary>
    /// Nearest first by the flat-earth distance, which orders like the true one over a town or county and needs only
    /// arithmetic (portable SQL, no maths functions); the true distance is worked out for the page shown.
    /// </summary>
    internal static string OrderBy(Core.Matching.Location? near, bool ranked, DynamicParameters parameters, string otherwise)
    {
        if (near is { } origin)
        {
            AddOrigin(origin, parameters);
            return $"a.latitude IS NULL, {FlatDistanceSquared}, a.id";
        }

        return ranked ? "s.rank, a.id" : otherwise;
    }

    private static async Task<IReadOnlyList<AssetSummary>> WithSchedules(DbConnection connection, List<AssetSummary> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var schedules = await Schedules(connection, rows.Select(r => r.Id).ToArray(), cancellationToken);
        return rows.Select(r => r with { Schedules = schedules[r.Id].ToList() }).ToList();
    }

    public async Task<bool> Verify(long assetId, long verifiedBy, DateOnly on, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE community_assets SET last_verified_on = @On, last_verified_by = @By, updated_at = @At WHERE id = @Id",
            new { Id = assetId, On = on, By = verifiedBy, At = at },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<Page<AssetSummary>> Stale(Viewer viewer, DateOnly checkedBefore, Paging paging, CancellationToken cancellationToken)
    {
        var reach = viewer.SeesAllAreas ? "1 = 1" : "a.area_id IN @AreaIds";
        var parameters = new DynamicParameters(new { AreaIds = viewer.AreaIds.ToArray(), Before = checkedBefore });
        const string stale = "a.last_verified_on < @Before AND a.status <> 'inactive'";
        await using var connection = await database.Open(cancellationToken);
        return await CountThenPage<AssetSummary>(
            connection,
            $"SELECT count(*) FROM community_assets a WHERE {reach} AND {stale}",
            $"""
            SELECT {SummaryColumns}, a.last_verified_on
            FROM community_assets a WHERE {reach} AND {stale}
            ORDER BY a.last_verified_on, a.id
            {PageLimit}
            """,
            parameters,
            paging,
            cancellationToken);
    }

    public async Task<IReadOnlyList<StaleAssetDigest>> StaleByCoordinator(DateOnly checkedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<(long UserId, long Count)>(new CommandDefinition(
            """
            SELECT ua.user_id, count(*)
            FROM community_assets a
            JOIN user_areas ua ON ua.area_id = a.area_id
            JOIN user_roles r ON r.user_id = ua.user_id AND r.role = 'Coordinator'
            JOIN users u ON u.id = ua.user_id AND u.disabled_at IS NULL AND u.password_hash IS NOT NULL
            WHERE a.last_verified_on < @Before AND a.status <> 'inactive'
            GROUP BY ua.user_id
            ORDER BY ua.user_id
            """,
            new { Before = checkedBefore },
            cancellationToken: cancellationToken));
        var digests = new List<StaleAssetDigest>();
        var users = new Dictionary<long, Contact?>();
        foreach (var (userId, count) in rows)
        {
            if (await Messaging.CircleReminders.UserContact(connection, users, userId, cancellationToken) is not { } contact)
            {
                continue;
            }

            var names = await connection.QueryAsync<string>(new CommandDefinition(
                """
                SELECT a.name FROM community_assets a JOIN user_areas ua ON ua.area_id = a.area_id AND ua.user_id = @UserId
                WHERE a.last_verified_on < @Before AND a.status <> 'inactive'
                ORDER BY a.last_verified_on, a.id LIMIT 10
                """,
                new { UserId = userId, Before = checkedBefore },
                cancellationToken: cancellationToken));
            digests.Add(new StaleAssetDigest(contact, (int)count, names.ToList()));
        }

        return digests;
    }

    public async Task<IReadOnlyDictionary<string, long>> AreasOf(IReadOnlyCollection<string> uids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        await using var connection = await database.Open(cancellationToken);
        // In slices: SQLite limits how many parameters one statement may have.
        foreach (var chunk in uids.Chunk(500))
        {
            foreach (var (uid, areaId) in await connection.QueryAsync<(string, long)>(new CommandDefinition(
                "SELECT uid, area_id FROM community_assets WHERE uid IN @Uids", new { Uids = chunk }, cancellationToken: cancellationToken)))
            {
                found[uid] = areaId;
            }
        }

        return found;
    }

    public async Task<int> Import(IReadOnlyList<NewAsset> assets, long importedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var asset in assets)
        {
            var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM community_assets WHERE uid = @Uid", new { asset.Uid }, transaction, cancellationToken: cancellationToken));
            if (existing is { } id)
            {
                await Update(connection, transaction, id, asset, at, cancellationToken);
            }
            else
            {
                await Insert(connection, transaction, asset, importedBy, at, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return assets.Count;
    }

    public async IAsyncEnumerable<AssetDetails> Export(Viewer viewer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reach = viewer.SeesAllAreas ? "1 = 1" : "a.area_id IN @AreaIds";
        await using var connection = await database.Open(cancellationToken);
        long after = 0;
        while (true)
        {
            // A thousand at a time by id, so a large export never holds every asset in memory.
            var batch = (await connection.QueryAsync<AssetDetails>(new CommandDefinition(
                $"SELECT {DetailColumns} FROM community_assets a {DetailJoins} WHERE a.id > @After AND a.kind <> 'individual' AND {reach} ORDER BY a.id LIMIT 1000",
                new { After = after, AreaIds = viewer.AreaIds.ToArray() },
                cancellationToken: cancellationToken))).ToList();
            if (batch.Count == 0)
            {
                yield break;
            }

            foreach (var asset in await Complete(connection, batch, cancellationToken))
            {
                yield return asset;
            }

            after = batch[^1].Id;
        }
    }
}
