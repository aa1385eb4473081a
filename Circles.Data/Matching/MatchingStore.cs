using Circles.Core.Common;
using Circles.Core.Matching;
using Circles.Data.People;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Matching;

public sealed class MatchingStore(IDbConnectionFactory database) : IMatchingStore
{
    private sealed class CandidateRow
    {
        public long Id { get; init; }

        public string Name { get; init; } = "";

        public string? Availability { get; init; }

        public double? Latitude { get; init; }

        public double? Longitude { get; init; }
    }

    public async Task<VolunteerProfile> Profile(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Postcode, string? Availability)>(new CommandDefinition(
            "SELECT postcode, availability FROM volunteer_profiles WHERE user_id = @UserId", new { UserId = userId }, cancellationToken: cancellationToken));
        var interests = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT i.name FROM volunteer_interests v JOIN interests i ON i.id = v.interest_id WHERE v.user_id = @UserId ORDER BY i.name COLLATE NOCASE",
            new { UserId = userId },
            cancellationToken: cancellationToken));
        return new VolunteerProfile(userId, row.Postcode, interests.ToList(), Availability.Parse(row.Availability));
    }

    public async Task SaveProfile(long userId, string? postcode, string availability, IReadOnlyList<string> interests, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO volunteer_profiles (user_id, postcode, availability, updated_at) VALUES (@UserId, @Postcode, @Availability, @At)
            ON CONFLICT (user_id) DO UPDATE SET postcode = excluded.postcode, availability = excluded.availability, updated_at = excluded.updated_at;
            DELETE FROM volunteer_interests WHERE user_id = @UserId;
            """,
            new { UserId = userId, Postcode = postcode, Availability = availability, At = at },
            transaction,
            cancellationToken: cancellationToken));
        await Interests.Attach(connection, transaction, "volunteer_interests", "user_id", userId, interests, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Volunteers with an accepted account who work in the area; one who came through screening must have been approved.
    // From the area's users, not from every user (CROSS JOIN keeps that order).
    private const string AreaFacilitators =
        """
        FROM user_areas ua
        CROSS JOIN users u ON u.id = ua.user_id
        JOIN user_roles r ON r.user_id = u.id AND r.role = 'Volunteer'
        WHERE ua.area_id = @AreaId AND u.disabled_at IS NULL AND u.password_hash IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.user_id = u.id AND v.status <> 'approved')
        """;

    public async Task<IReadOnlyList<Candidate>> FacilitatorCandidates(long? areaId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<CandidateRow>(new CommandDefinition(
            $"""
            SELECT u.id, u.display_name AS name, vp.availability, pc.latitude, pc.longitude
            FROM (SELECT u.id, u.display_name {AreaFacilitators}) u
            LEFT JOIN volunteer_profiles vp ON vp.user_id = u.id
            LEFT JOIN postcodes pc ON pc.postcode = vp.postcode
            """,
            new { AreaId = areaId },
            cancellationToken: cancellationToken));
        // The interests of everyone in the area in one read, not a subquery per volunteer: that took as long as the rest.
        var interests = (await connection.QueryAsync<(long UserId, string Name)>(new CommandDefinition(
            """
            SELECT vi.user_id, i.name
            FROM user_areas ua JOIN volunteer_interests vi ON vi.user_id = ua.user_id JOIN interests i ON i.id = vi.interest_id
            WHERE ua.area_id = @AreaId
            """,
            new { AreaId = areaId },
            cancellationToken: cancellationToken)))
            .ToLookup(row => row.UserId, row => row.Name);
        return rows.Select(r => new Candidate(
            r.Id,
            r.Name,
            interests[r.Id].ToHashSet(StringComparer.OrdinalIgnoreCase),
            r.Latitude is { } lat && r.Longitude is { } lon ? new Location(lat, lon) : null,
            Availability.Parse(r.Availability))).ToList();
    }

    public async Task<IReadOnlyList<FacilitatorOption>> FacilitatorOptions(long? areaId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<FacilitatorOption>(new CommandDefinition(
            $"SELECT u.id, u.display_name AS name {AreaFacilitators} ORDER BY u.display_name COLLATE NOCASE, u.id",
            new { AreaId = areaId },
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<Need> CircleNeed(long circleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var home = await connection.QuerySingleOrDefaultAsync<(double? Latitude, double? Longitude)>(new CommandDefinition(
            """
            SELECT pc.latitude, pc.longitude
            FROM circles c JOIN people p ON p.id = c.focus_person_id LEFT JOIN postcodes pc ON pc.postcode = p.postcode
            WHERE c.id = @CircleId
            """,
            new { CircleId = circleId },
            cancellationToken: cancellationToken));
        var interests = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT i.name FROM circles c JOIN person_interests pi ON pi.person_id = c.focus_person_id JOIN interests i ON i.id = pi.interest_id WHERE c.id = @CircleId",
            new { CircleId = circleId },
            cancellationToken: cancellationToken));
        var nextMeeting = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT min(starts_at) FROM meetings WHERE circle_id = @CircleId AND status = 'planned' AND starts_at >= @Now",
            new { CircleId = circleId, Now = now },
            cancellationToken: cancellationToken));
        var slots = nextMeeting is null
            ? new HashSet<string>()
            : [Availability.SlotOf(TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(nextMeeting, System.Globalization.CultureInfo.InvariantCulture), UkTime.London).DateTime)];
        return new Need(
            interests.ToHashSet(StringComparer.OrdinalIgnoreCase),
            home.Latitude is { } lat && home.Longitude is { } lon ? new Location(lat, lon) : null,
            slots);
    }
}
