using System.Data.Common;
using Circles.Core.Common;
using Circles.Core.People;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.People;

public sealed class PeopleStore(IDbConnectionFactory database) : IPeopleStore
{
    // The area restriction shared by every people query, written out for each viewer rather than as
    // "(@All = 1 OR …)": SQLite cannot use an index through an OR on a parameter.
    private static string InReach(Viewer viewer) => viewer.SeesAllAreas ? "1 = 1" : "p.area_id IN @AreaIds";

    private static object Reach(Viewer viewer) => new { AreaIds = viewer.AreaIds.ToArray() };

    public async Task<(long PersonId, long IntroductionId)> AddWithIntroduction(
        NewPerson person, NewIntroduction introduction, long recordedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var personId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO people (full_name, preferred_name, date_of_birth, age_band, email, phone, address, postcode, area_id,
                                preferred_channel, communication_needs, notes, consent_given_on, consent_method,
                                consent_recorded_by, member_only, created_at, created_by, updated_at)
            VALUES (@FullName, @PreferredName, @DateOfBirth, @AgeBand, @Email, @Phone, @Address, @Postcode, @AreaId,
                    @PreferredChannel, @CommunicationNeeds, @Notes, @ConsentGivenOn, @ConsentMethod,
                    @RecordedBy, 0, @At, @RecordedBy, @At)
            RETURNING id
            """,
            new
            {
                person.FullName, person.PreferredName, person.DateOfBirth, person.AgeBand, person.Email, person.Phone, person.Address,
                person.Postcode, person.AreaId, person.PreferredChannel, person.CommunicationNeeds, person.Notes, person.ConsentGivenOn,
                person.ConsentMethod, RecordedBy = recordedBy, At = at,
            },
            transaction,
            cancellationToken: cancellationToken));
        await Interests.Attach(connection, transaction, "person_interests", "person_id", personId, person.Interests, at, cancellationToken);
        var introductionId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO introductions (person_id, introduced_by, introduced_by_detail, introduced_on, level, status, holder_user_id, created_at, created_by)
            VALUES (@PersonId, @IntroducedBy, @IntroducedByDetail, @IntroducedOn, @Level, 'new', @HolderUserId, @At, @RecordedBy)
            RETURNING id
            """,
            new
            {
                PersonId = personId, introduction.IntroducedBy, introduction.IntroducedByDetail, introduction.IntroducedOn, introduction.Level,
                introduction.HolderUserId, At = at, RecordedBy = recordedBy,
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (personId, introductionId);
    }

    public async Task<Page<PersonSummary>> Search(Viewer viewer, string? text, Paging paging, CancellationToken cancellationToken)
    {
        // A postcode typed without its space (SE17PB) is searched as the postcode it is.
        var match = Matching(viewer, FullText.PrefixQuery(UkFormats.NormalisePostcode(text) ?? text));
        var filter = new DynamicParameters(Reach(viewer));
        filter.Add("Match", match);
        await using var connection = await database.Open(cancellationToken);
        const string Columns = """
            p.id, p.full_name, p.preferred_name, p.postcode, p.member_only, (SELECT a.name FROM areas a WHERE a.id = p.area_id) AS area_name
            """;
        // One order for the list with words and without.
        const string ByName = "ORDER BY p.full_name COLLATE NOCASE, p.id";
        if (match is not null)
        {
            // Matches are in name order, as the list without words is, so all of them are gathered and sorted anyway:
            // count them in the same pass. Not by relevance: ranking asks FTS5 how often each word occurs in the whole
            // index, which at national scale read every Smith in the country to show twenty in one area.
            var matched = $"FROM people_search s JOIN people p ON p.id = s.rowid WHERE people_search MATCH @Match AND {InReach(viewer)}";
            return await PageWithTotal<PersonSummary>(
                connection,
                $"SELECT {Columns}, count(*) OVER () AS total_rows {matched} {ByName} {PageLimit}",
                "SELECT count(*) " + matched,
                filter,
                paging,
                cancellationToken);
        }

        // Without words the list walks the name index and stops at the page, so the count stays its own cheap query.
        var from = $"FROM people p WHERE {InReach(viewer)}";
        return await CountThenPage<PersonSummary>(
            connection,
            "SELECT count(*) " + from,
            $"SELECT {Columns} {from} {ByName} {PageLimit}",
            filter,
            paging,
            cancellationToken);
    }

    /// <summary>
    /// The words are matched in names and postcodes only; and reach is matched in the index too (its area column), so
    /// the search reads the matches in the viewer's areas, not every match in the country. The SQL still checks reach.
    /// </summary>
    private static string? Matching(Viewer viewer, string? words) =>
        words is null ? null
        : viewer.SeesAllAreas || viewer.AreaIds.Count == 0 ? $"{{full_name preferred_name postcode}} : ({words})"
        : $"{{full_name preferred_name postcode}} : ({words}) AND area_id : ({string.Join(" OR ", viewer.AreaIds.Select(id => $"\"{id}\""))})";

    public async Task<PersonDetails?> Find(Viewer viewer, long personId, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Reach(viewer));
        parameters.Add("PersonId", personId);
        await using var connection = await database.Open(cancellationToken);
        var person = await connection.QuerySingleOrDefaultAsync<PersonDetails>(new CommandDefinition(
            $"""
            SELECT p.id, p.full_name, p.preferred_name, p.date_of_birth, p.age_band, p.email, p.phone, p.address, p.postcode,
                   p.area_id, a.name AS area_name, p.preferred_channel, p.communication_needs, p.notes, p.consent_given_on,
                   p.consent_method, u.display_name AS consent_recorded_by_name, p.consent_withdrawn_on, p.consent_withdrawn_how,
                   w.display_name AS consent_withdrawn_by_name, p.member_only, p.created_at
            FROM people p
            LEFT JOIN areas a ON a.id = p.area_id
            LEFT JOIN users u ON u.id = p.consent_recorded_by
            LEFT JOIN users w ON w.id = p.consent_withdrawn_by
            WHERE p.id = @PersonId AND {InReach(viewer)}
            """,
            parameters,
            cancellationToken: cancellationToken));
        if (person is null)
        {
            return null;
        }

        var interests = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT i.name FROM person_interests pi JOIN interests i ON i.id = pi.interest_id WHERE pi.person_id = @PersonId ORDER BY i.name COLLATE NOCASE",
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        var introductions = await connection.QueryAsync<IntroductionSummary>(new CommandDefinition(
            """
            SELECT i.id, i.introduced_by, i.introduced_by_detail, i.introduced_on, i.level, i.status, i.holder_user_id, u.display_name AS holder_name, i.closed_reason
            FROM introductions i LEFT JOIN users u ON u.id = i.holder_user_id
            WHERE i.person_id = @PersonId
            ORDER BY i.introduced_on DESC, i.id DESC
            """,
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        return person with { Interests = interests.ToList(), Introductions = introductions.ToList() };
    }

    public async Task ChangeDetails(long personId, NewPerson details, Core.Messaging.MessagePlan plan, CancellationToken cancellationToken)
    {
        var at = plan.Now;
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE people SET full_name = @FullName, preferred_name = @PreferredName, date_of_birth = @DateOfBirth, age_band = @AgeBand,
                email = @Email, phone = @Phone, address = @Address, postcode = @Postcode, area_id = @AreaId,
                preferred_channel = @PreferredChannel, communication_needs = @CommunicationNeeds, notes = @Notes, updated_at = @At
            WHERE id = @PersonId;
            DELETE FROM person_interests WHERE person_id = @PersonId;
            UPDATE circles SET area_id = @AreaId, updated_at = @At WHERE focus_person_id = @PersonId AND area_id IS NOT @AreaId;
            UPDATE people SET area_id = @AreaId, updated_at = @At
            WHERE member_only = 1 AND id IN (SELECT m.person_id FROM circle_members m JOIN circles c ON c.id = m.circle_id WHERE c.focus_person_id = @PersonId);
            """,
            new
            {
                PersonId = personId, details.FullName, details.PreferredName, details.DateOfBirth, details.AgeBand, details.Email, details.Phone,
                details.Address, details.Postcode, details.AreaId, details.PreferredChannel, details.CommunicationNeeds, details.Notes, At = at,
            },
            transaction,
            cancellationToken: cancellationToken));
        await Interests.Attach(connection, transaction, "person_interests", "person_id", personId, details.Interests, at, cancellationToken);
        // Their reminders follow new contact details or a new preferred channel at once.
        await Messaging.CircleReminders.ReplanForPerson(connection, transaction, personId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> ChangeIntroduction(long personId, long introductionId, string status, long? holderUserId, string? closedReason, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE introductions SET status = @Status, holder_user_id = @HolderUserId, closed_reason = @ClosedReason
            WHERE id = @IntroductionId AND person_id = @PersonId
            """,
            new { PersonId = personId, IntroductionId = introductionId, Status = status, HolderUserId = holderUserId, ClosedReason = closedReason },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<(long UserId, string Name)>> IntroductionHolders(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<(long, string)>(new CommandDefinition(
            """
            SELECT DISTINCT u.id, u.display_name
            FROM users u
            JOIN user_roles r ON r.user_id = u.id
            JOIN user_areas ua ON ua.user_id = u.id
            JOIN people p ON p.area_id = ua.area_id AND p.id = @PersonId
            WHERE r.role IN ('Connector', 'Coordinator') AND u.disabled_at IS NULL AND u.password_hash IS NOT NULL
            ORDER BY u.display_name COLLATE NOCASE
            """,
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<bool> InReach(Viewer viewer, long personId, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Reach(viewer));
        parameters.Add("PersonId", personId);
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM people p WHERE p.id = @PersonId AND {InReach(viewer)}", parameters, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<PersonProfile?> FindProfile(Viewer viewer, long personId, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Reach(viewer));
        parameters.Add("PersonId", personId);
        await using var connection = await database.Open(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PersonProfile>(new CommandDefinition(
            $"""
            SELECT p.id AS person_id, p.full_name, f.do_more_of, f.help_with, f.used_to_enjoy, f.like_to_change, f.wellbeing,
                   f.appreciate, f.important, f.support_me, f.vision, f.updated_at
            FROM people p LEFT JOIN person_profiles f ON f.person_id = p.id
            WHERE p.id = @PersonId AND {InReach(viewer)}
            """,
            parameters,
            cancellationToken: cancellationToken));
    }

    public async Task SaveProfile(PersonProfile profile, long savedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO person_profiles (person_id, do_more_of, help_with, used_to_enjoy, like_to_change, wellbeing, appreciate,
                                         important, support_me, vision, updated_at, updated_by)
            VALUES (@PersonId, @DoMoreOf, @HelpWith, @UsedToEnjoy, @LikeToChange, @Wellbeing, @Appreciate, @Important, @SupportMe,
                    @Vision, @At, @SavedBy)
            ON CONFLICT (person_id) DO UPDATE SET
                do_more_of = excluded.do_more_of, help_with = excluded.help_with, used_to_enjoy = excluded.used_to_enjoy,
                like_to_change = excluded.like_to_change, wellbeing = excluded.wellbeing, appreciate = excluded.appreciate,
                important = excluded.important, support_me = excluded.support_me, vision = excluded.vision,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            new
            {
                profile.PersonId, profile.DoMoreOf, profile.HelpWith, profile.UsedToEnjoy, profile.LikeToChange, profile.Wellbeing,
                profile.Appreciate, profile.Important, profile.SupportMe, profile.Vision, At = at, SavedBy = savedBy,
            },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE introductions SET status = 'in_conversation' WHERE person_id = @PersonId AND status = 'new'",
            new { profile.PersonId },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE people SET updated_at = @At WHERE id = @PersonId", new { profile.PersonId, At = at }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<RelationshipCircle?> FindRelationships(Viewer viewer, long personId, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Reach(viewer));
        parameters.Add("PersonId", personId);
        await using var connection = await database.Open(cancellationToken);
        var name = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT p.full_name FROM people p WHERE p.id = @PersonId AND {InReach(viewer)}", parameters, cancellationToken: cancellationToken));
        if (name is null)
        {
            return null;
        }

        var relationships = await connection.QueryAsync<Relationship>(new CommandDefinition(
            "SELECT id, name, relationship AS kind, ring, would_like_closer FROM relationships WHERE person_id = @PersonId ORDER BY ring, name COLLATE NOCASE, id",
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        return new RelationshipCircle(personId, name, relationships.ToList());
    }

    public async Task<long> AddRelationship(long personId, Relationship relationship, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO relationships (person_id, name, relationship, ring, would_like_closer, created_at)
            VALUES (@PersonId, @Name, @Kind, @Ring, @WouldLikeCloser, @At)
            RETURNING id
            """,
            new { PersonId = personId, relationship.Name, relationship.Kind, relationship.Ring, relationship.WouldLikeCloser, At = at },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> RemoveRelationship(long personId, long relationshipId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM relationships WHERE id = @RelationshipId AND person_id = @PersonId",
            new { PersonId = personId, RelationshipId = relationshipId },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<Core.Circles.WaitingPerson>> WaitingForFirstConversation(Viewer viewer, bool heldByViewerOnly, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Reach(viewer));
        parameters.Add("UserId", viewer.UserId);
        // Someone's own introductions are few: start from them (CROSS JOIN fixes the order in SQLite).
        // Across areas, start from the area's people instead.
        var from = heldByViewerOnly
            ? "introductions i CROSS JOIN people p ON p.id = i.person_id"
            : "people p JOIN introductions i ON i.person_id = p.id";
        var mine = heldByViewerOnly ? "AND i.holder_user_id = @UserId" : "";
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<Core.Circles.WaitingPerson>(new CommandDefinition(
            $"""
            SELECT p.id AS person_id, p.full_name, i.introduced_on, u.display_name AS holder_name
            FROM {from} LEFT JOIN users u ON u.id = i.holder_user_id
            WHERE i.status = 'new' {mine} AND {InReach(viewer)}
            ORDER BY i.introduced_on, i.id
            LIMIT 50
            """,
            parameters,
            cancellationToken: cancellationToken));
        return rows.ToList();
    }
}

/// <summary>The shared interests vocabulary: words are created the first time anyone uses them.</summary>
public static class Interests
{
    public static async Task Attach(
        DbConnection connection, DbTransaction transaction, string table, string ownerColumn, long ownerId,
        IReadOnlyList<string> names, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO interests (name, created_at) VALUES (@Name, @At) ON CONFLICT DO NOTHING",
                new { Name = name, At = at },
                transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {table} ({ownerColumn}, interest_id) SELECT @OwnerId, id FROM interests WHERE lower(name) = lower(@Name) ON CONFLICT DO NOTHING",
                new { OwnerId = ownerId, Name = name },
                transaction,
                cancellationToken: cancellationToken));
        }
    }
}
