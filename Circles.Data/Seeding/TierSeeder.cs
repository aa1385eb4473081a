using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Seeding;

/// <summary>How much a benchmark tier holds. People include circle members who are not themselves supported.</summary>
/// <remarks>
/// A scheme grows into a national network by adding areas, each with its own coordinator and connectors, not by giving
/// each connector more people: every tier has 400 people to an area and about 130 to a connector's caseload, so the
/// tiers differ in everything outside one connector's reach.
/// </remarks>
public sealed record SeedTier(string Name, int Areas, int People, int Volunteers, int Assets, int ContactsAndCheckIns, int AuditRows)
{
    public static SeedTier S { get; } = new("S", 5, 2_000, 500, 1_000, 20_000, 50_000);

    public static SeedTier M { get; } = new("M", 50, 20_000, 5_000, 5_000, 1_000_000, 1_000_000);

    public static SeedTier L { get; } = new("L", 250, 100_000, 25_000, 20_000, 5_000_000, 10_000_000);

    public static SeedTier? Named(string? name) => name?.ToUpperInvariant() switch
    {
        "S" => S,
        "M" => M,
        "L" => L,
        _ => null,
    };
}

/// <summary>
/// Fills an empty, migrated database with a deterministic, realistic scheme for benchmarks and query-plan tests: areas
/// with their coordinators and connectors, people introduced over two years, circles at every stage with members,
/// meetings, attendance and actions, contacts and check-ins with answers, community assets with regular times,
/// connections, volunteers with checks and hours, messages and audit rows. Rows go in through one prepared statement per
/// table inside one transaction per table, which is what makes a million rows take seconds. Every seeded user has the
/// same password hash; <c>bench.connector@example.org</c> and <c>bench.coordinator@example.org</c> work in area 1.
/// </summary>
public sealed class TierSeeder(IDbConnectionFactory database)
{
    /// <summary>The day the data is "as of": meetings before it are held, after it planned. Fixed, so every run is identical.</summary>
    public static readonly DateTimeOffset Reference = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] PostcodeAreas = ["S", "DN", "LS", "WF", "HD", "BD"];

    private static readonly string[] FirstNames =
        ["Margaret", "John", "Aisha", "Tomasz", "Mary", "David", "Priya", "George", "Olu", "Siobhan", "Hamza", "Elsie", "Wei", "Gareth", "Fatima", "Arthur", "Niamh", "Kofi", "Joan", "Rhys"];

    private static readonly string[] Surnames =
        ["Jones", "Smith", "Khan", "Nowak", "Williams", "Brown", "Patel", "Taylor", "Evans", "Walker", "Okafor", "Murphy", "Chen", "Davies", "Ahmed", "Wilson", "Roberts", "Hughes", "Begum", "Clarke"];

    private static readonly string[] Interests =
        ["gardening", "knitting", "walking", "rugby", "football", "singing", "choir", "cooking", "baking", "reading", "crosswords", "chess", "painting",
         "birdwatching", "fishing", "dancing", "swimming", "cycling", "history", "music", "films", "photography", "woodwork", "bowls", "cards", "quiz",
         "allotment", "church", "tea and chat", "computers"];

    private static readonly string[] AssetNames =
        ["Knit & Natter", "Walking Football", "Community Choir", "Lunch Club", "Men's Shed", "Allotment Society", "Reading Group", "Tea Dance",
         "Chess Club", "Repair Café", "Bowls Club", "Library", "Community Garden", "Art Group", "Memory Café"];

    public async Task<IReadOnlyList<(string Table, long Rows, TimeSpan Took)>> Seed(SeedTier tier, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM people") > 0)
        {
            throw new InvalidOperationException("The database already has people: seed an empty database (run migrate on a new file first).");
        }

        var report = new List<(string, long, TimeSpan)>();
        async Task Step(string table, Func<DbConnection, DbTransaction, long> fill)
        {
            var watch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var rows = fill(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            report.Add((table, rows, watch.Elapsed));
        }

        var at = Timestamp(Reference.AddYears(-2));
        var areaCount = tier.Areas;
        var people = tier.People;
        var supported = people * 6 / 10;
        var circles = supported / 3;
        const int MembersPerCircle = 4;
        var memberOnlyStart = supported + 1;
        var meetingsPerCircle = 8;
        var contacts = tier.ContactsAndCheckIns * 6 / 10;
        var checkIns = tier.ContactsAndCheckIns - contacts;
        long AreaOf(long personId) => 1 + (personId % areaCount);

        await Step("areas and postcodes", (c, t) =>
        {
            var rows = Insert(c, t, "areas", ["id", "name", "created_at"], areaCount, i => [i + 1, $"Area {i + 1:D2}", at]);
            // 40 postcodes per area around its own town, so distances are real.
            rows += Insert(c, t, "postcodes", ["postcode", "latitude", "longitude"], areaCount * 40, i =>
            {
                var (latitude, longitude) = Place(i);
                return [Postcode(i), latitude, longitude];
            });
            return rows;
        });

        var users = 2 + (areaCount * 4);
        await Step("users", (c, t) =>
        {
            // User 1 administrator; 2 the bench connector; then per area a coordinator and three connectors. Volunteers follow.
            var rows = Insert(c, t, "users",
                ["id", "user_name", "normalized_user_name", "email", "normalized_email", "email_confirmed", "display_name", "password_hash", "security_stamp", "concurrency_stamp", "created_at"],
                users + tier.Volunteers, i =>
                {
                    var id = i + 1;
                    var email = id switch
                    {
                        1 => "bench.admin@example.org",
                        2 => "bench.connector@example.org",
                        3 => "bench.coordinator@example.org",
                        _ when id <= users => $"staff{id}@example.org",
                        _ => $"volunteer{id - users}@example.org",
                    };
                    return [id, email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), 1, NameOf(id * 7), passwordHash, $"STAMP{id}", $"C{id}", at];
                });
            rows += Insert(c, t, "user_roles", ["user_id", "role"], users + tier.Volunteers, i =>
            {
                var id = i + 1;
                return [id, id == 1 ? "Administrator" : id <= users ? ((id - 3) % 4 == 0 ? "Coordinator" : "Connector") : "Volunteer"];
            });
            rows += Insert(c, t, "user_areas", ["user_id", "area_id"], users - 1 + tier.Volunteers, i =>
            {
                var id = i + 2;
                return [id, id <= 3 ? 1 : id <= users ? 1 + ((id - 3) / 4 % areaCount) : 1 + (id % areaCount)];
            });
            return rows;
        });
        // Each area has a coordinator and three connectors (area 1's first connector is the bench connector, user 2);
        // a person's connector is one of them, so a connector holds a realistic quarter of the area's people.
        long ConnectorOf(long personId)
        {
            var area = AreaOf(personId);
            var slot = personId / areaCount % 4;
            return area == 1 ? new long[] { 2, 4, 5, 6 }[slot] : 3 + ((area - 1) * 4) + 1 + (slot % 3);
        }

        await Step("interests", (c, t) => Insert(c, t, "interests", ["id", "name", "created_at"], Interests.Length, i => [i + 1, Interests[i], at]));

        await Step("people", (c, t) =>
        {
            var rows = Insert(c, t, "people",
                ["id", "full_name", "preferred_name", "date_of_birth", "email", "phone", "postcode", "area_id", "preferred_channel", "notes",
                 "consent_given_on", "consent_method", "member_only", "created_at", "updated_at"],
                people, i =>
                {
                    var id = i + 1;
                    var memberOnly = id >= memberOnlyStart;
                    var area = AreaOf(id);
                    return [id, NameOf(id), id % 5 == 0 ? NameOf(id)[..3] : null, memberOnly ? null : Day(Reference.AddYears(-60 - (int)(id % 30)).AddDays(id % 365)),
                        id % 3 == 0 ? $"person{id}@example.org" : null, id % 3 == 1 ? $"07700 9{id % 100000:D5}" : null,
                        Postcode(((area - 1) * 40) + (id % 40)), area, id % 3 == 0 ? "email" : id % 3 == 1 ? "text" : "phone",
                        memberOnly ? null : "Likes a cup of tea and a chat.", memberOnly ? null : Day(Reference.AddDays(-(id % 700))), memberOnly ? null : "In person",
                        memberOnly ? 1 : 0, at, at];
                });
            rows += Insert(c, t, "person_interests", ["person_id", "interest_id"], supported * 2L, i =>
                [(i / 2) + 1, 1 + (((i / 2) + (i % 2 * 7)) % Interests.Length)]);
            rows += Insert(c, t, "introductions", ["person_id", "introduced_by", "introduced_on", "level", "status", "holder_user_id", "created_at"], supported, i =>
            {
                var id = i + 1;
                return [id, new[] { "self", "family_or_friend", "gp_practice", "council_team", "other_organisation" }[id % 5], Day(Reference.AddDays(-(id % 700))),
                    1 + (id % 2), new[] { "new", "in_conversation", "circle_forming", "closed" }[id % 4], ConnectorOf(id), at];
            });
            rows += Insert(c, t, "person_profiles", ["person_id", "do_more_of", "help_with", "important", "updated_at"], supported / 2, i =>
                [(i * 2) + 1, "Get out to the garden centre", "Getting there", "My grandchildren", at]);
            rows += Insert(c, t, "relationships", ["person_id", "name", "relationship", "ring", "created_at"], supported * 2L, i =>
                [(i / 2) + 1, NameOf(i + 3), i % 2 == 0 ? "Daughter" : "Neighbour", 1 + (i % 4), at]);
            return rows;
        });

        // Circles are for the first third of supported people; each has the focus person and three members.
        var statuses = new[] { "enquiry", "first_conversation", "forming", "active", "active", "active", "self_sustaining", "closed" };
        await Step("circles", (c, t) =>
        {
            var rows = Insert(c, t, "circles", ["id", "focus_person_id", "purpose", "connector_user_id", "area_id", "status", "created_at", "updated_at"], circles, i =>
            {
                var id = i + 1;
                return [id, id, "Get back into gardening and see people weekly", ConnectorOf(id), AreaOf(id), statuses[id % statuses.Length],
                    Timestamp(Reference.AddDays(-30 - (id % 600))), at];
            });
            rows += Insert(c, t, "circle_status_changes", ["circle_id", "from_status", "to_status", "changed_at"], circles, i =>
                [i + 1, null, statuses[(i + 1) % statuses.Length], Timestamp(Reference.AddDays(-30 - ((i + 1) % 600)))]);
            var memberOnly = people - supported;
            rows += Insert(c, t, "circle_members", ["id", "circle_id", "person_id", "role", "joined_on"], circles * (long)MembersPerCircle, i =>
            {
                var circle = (i / MembersPerCircle) + 1;
                var slot = i % MembersPerCircle;
                var person = slot == 0 ? circle : memberOnlyStart + ((((circle - 1) * 3) + slot - 1) % memberOnly);
                return [i + 1, circle, person, slot == 0 ? "focus" : new[] { "family", "friend", "neighbour" }[slot - 1], Day(Reference.AddDays(-(circle % 600)))];
            });
            rows += Insert(c, t, "meetings", ["id", "circle_id", "starts_at", "ends_at", "place", "status", "notes", "created_at"], circles * (long)meetingsPerCircle, i =>
            {
                var circle = (i / meetingsPerCircle) + 1;
                var n = i % meetingsPerCircle;
                var starts = Reference.AddDays((n - 6) * 28).AddHours(circle % 8);
                var past = starts < Reference;
                return [i + 1, circle, Timestamp(starts), Timestamp(starts.AddHours(1.5)), "Café on the high street", past ? (n % 7 == 0 ? "cancelled" : "held") : "planned",
                    past ? "Good chat about the garden." : null, at];
            });
            rows += Insert(c, t, "meeting_attendance", ["meeting_id", "member_id"], circles * (long)meetingsPerCircle * 3, i =>
            {
                var meeting = (i / 3) + 1;
                var circle = ((meeting - 1) / meetingsPerCircle) + 1;
                return [meeting, ((circle - 1) * MembersPerCircle) + 1 + (i % 3)];
            });
            rows += Insert(c, t, "actions", ["circle_id", "meeting_id", "description", "owner_member_id", "due_on", "status", "completed_on", "created_at"],
                circles * (long)meetingsPerCircle * 2, i =>
                {
                    var meeting = (i / 2) + 1;
                    var circle = ((meeting - 1) / meetingsPerCircle) + 1;
                    var n = (meeting - 1) % meetingsPerCircle;
                    var due = Reference.AddDays(((n - 6) * 28) + 14);
                    var done = due < Reference && i % 3 != 0;
                    return [circle, meeting, "Find out about the allotment waiting list", ((circle - 1) * MembersPerCircle) + 1 + (i % MembersPerCircle), Day(due),
                        done ? "done" : "open", done ? Day(due.AddDays(-2)) : null, at];
                });
            return rows;
        });

        await Step("contacts", (c, t) => Insert(c, t, "contacts", ["person_id", "circle_id", "kind", "contacted_at", "by_user_id", "notes", "created_at"], contacts, i =>
        {
            var person = 1 + (i % supported);
            var when = Timestamp(Reference.AddMinutes(-((i * 37) % (700 * 24 * 60))));
            return [person, person <= circles ? person : null, new[] { "call", "visit", "message", "meeting", "other" }[i % 5], when, ConnectorOf(person),
                i % 4 == 0 ? "Called for a chat; doing well." : null, when];
        }));

        await Step("check-ins", (c, t) =>
        {
            string[] ons = ["often_always", "some_of_the_time", "occasionally", "hardly_ever", "never"];
            string[] ucla = ["hardly_ever_or_never", "some_of_the_time", "often"];
            var rows = Insert(c, t, "check_ins", ["id", "person_id", "taken_at", "method", "recorded_by", "created_at"], checkIns, i =>
            {
                var person = 1 + (i % supported);
                var when = Timestamp(Reference.AddMinutes(-((i * 53) % (700 * 24 * 60))));
                return [i + 1, person, when, new[] { "in_person", "phone", "video" }[i % 3], ConnectorOf(person), when];
            });
            rows += Insert(c, t, "check_in_answers", ["check_in_id", "question", "answer"], checkIns, i => [i + 1, "ons_lonely", ons[(int)((i * 7) % 5)]]);
            rows += Insert(c, t, "check_in_answers", ["check_in_id", "question", "answer"], checkIns / 3, i => [(i * 3) + 1, "ucla_left_out", ucla[(int)(i % 3)]]);
            rows += Insert(c, t, "check_in_cadences", ["person_id", "ideal_days", "maximum_days", "started_on", "checker_user_id", "updated_at"], supported / 2, i =>
                [(i * 2) + 1, 14, 28, Day(Reference.AddDays(-400)), ConnectorOf((i * 2) + 1), at]);
            return rows;
        });

        await Step("community assets", (c, t) =>
        {
            string[] kinds = ["association", "institution", "physical_space", "local_economy", "culture", "association"];
            var rows = Insert(c, t, "community_assets",
                ["id", "uid", "name", "kind", "description", "address", "postcode", "latitude", "longitude", "contact_email", "cost", "accessibility", "status", "area_id", "tags",
                 "last_verified_on", "created_at", "updated_at"],
                tier.Assets, i =>
                {
                    var id = i + 1;
                    var postcode = (int)(i % (areaCount * 40));
                    var (latitude, longitude) = Place(postcode);
                    return [id, Guid(id), $"{AssetNames[i % AssetNames.Length]} {id}", kinds[i % kinds.Length], $"A friendly group for {Interests[i % Interests.Length]} and a cuppa.",
                        $"{id} High Street", Postcode(postcode), latitude, longitude, $"hello{id}@example.org", "Free",
                        i % 2 == 0 ? ",step_free,hearing_loop," : ",", i % 20 == 0 ? "inactive" : "active", 1 + (postcode / 40),
                        $"{Interests[i % Interests.Length]}, {Interests[(i + 7) % Interests.Length]}", Day(Reference.AddDays(-(i % 500))), at, at];
                });
            rows += Insert(c, t, "asset_interests", ["asset_id", "interest_id"], tier.Assets * 2L, i => [(i / 2) + 1, 1 + (((i / 2) + (i % 2 * 7)) % Interests.Length)]);
            rows += Insert(c, t, "asset_schedules", ["uid", "asset_id", "freq", "interval", "byday", "opens_at", "closes_at"], tier.Assets, i =>
                [Guid(1_000_000_000 + i), i + 1, i % 3 == 0 ? "MONTHLY" : "WEEKLY", 1, i % 3 == 0 ? "2TU,4TU" : new[] { "MO", "TU", "WE", "TH", "FR" }[i % 5], "10:00", "12:00"]);
            rows += Insert(c, t, "asset_connections", ["id", "asset_id", "person_id", "status", "status_on", "created_at", "updated_at"], supported / 2, i =>
                [i + 1, 1 + ((i * 13) % tier.Assets), (i * 2) + 1, new[] { "suggested", "went_once", "goes_regularly", "helps_run", "declined" }[i % 5], Day(Reference.AddDays(-(i % 300))), at, at]);
            rows += Insert(c, t, "asset_connection_events", ["connection_id", "status", "happened_on", "recorded_at"], supported / 2, i =>
                [i + 1, new[] { "suggested", "went_once", "goes_regularly", "helps_run", "declined" }[i % 5], Day(Reference.AddDays(-(i % 300))), at]);
            rows += Insert(c, t, "contributions", ["person_id", "what", "given_on", "created_at"], supported / 3, i =>
                [(i * 3) + 1, "Baked for the lunch club", Day(Reference.AddDays(-(i % 400))), at]);
            return rows;
        });

        await Step("volunteers", (c, t) =>
        {
            var rows = Insert(c, t, "volunteers",
                ["id", "full_name", "email", "phone", "postcode", "interests", "availability", "motivation", "area_id", "status", "user_id", "dedupe_key", "applied_at", "updated_at"],
                tier.Volunteers, i =>
                {
                    var id = i + 1;
                    var approved = i % 5 != 0;
                    return [id, NameOf(id + 11), $"volunteer{id}@example.org", null, Postcode((int)(i % (areaCount * 40))), Interests[i % Interests.Length], "tue-pm,sat-am",
                        "I have time since retiring and want to help.", 1 + (id % areaCount), approved ? "approved" : i % 10 == 0 ? "applied" : "screening",
                        approved ? users + id : null, $"bench-{id}", at, at];
                });
            rows += Insert(c, t, "volunteer_profiles", ["user_id", "postcode", "availability", "updated_at"], tier.Volunteers, i =>
                [users + i + 1, Postcode((int)(i % (areaCount * 40))), "tue-pm,sat-am", at]);
            rows += Insert(c, t, "volunteer_interests", ["user_id", "interest_id"], tier.Volunteers, i => [users + i + 1, 1 + (i % Interests.Length)]);
            rows += Insert(c, t, "dbs_checks", ["volunteer_id", "level", "workforce", "issued_on", "certificate_number", "recheck_due_on", "recorded_at"], tier.Volunteers / 2, i =>
                [(i * 2) + 2, "enhanced_barred", "adult", Day(Reference.AddDays(-(i % 900))), $"{(i * 7919) % 1_000_000_000_000:D12}", Day(Reference.AddDays(1095 - (i % 900))), at]);
            rows += Insert(c, t, "volunteer_hours", ["volunteer_id", "circle_id", "worked_on", "minutes", "status", "created_at"], tier.Volunteers * 4L, i =>
                [1 + ((i / 4) % tier.Volunteers), 1 + (i % circles), Day(Reference.AddDays(-(i % 365))), 60 + (15 * (i % 8)), i % 3 == 0 ? "logged" : "approved", at]);
            return rows;
        });

        var messages = Math.Max(10_000, tier.ContactsAndCheckIns / 5);
        await Step("messages", (c, t) => Insert(c, t, "messages",
            ["dedupe_key", "template", "source_type", "source_id", "circle_id", "person_id", "channel", "recipient", "subject", "body", "due_at", "next_attempt_at",
             "status", "attempts", "sent_at", "created_at", "updated_at"],
            messages, i =>
            {
                var person = 1 + (i % supported);
                var due = Reference.AddMinutes(-(i * 11 % (400 * 24 * 60))).AddDays(i % 10 == 0 ? 30 : 0);
                var pending = due > Reference;
                return [$"bench-{i}", "meeting-reminder", "meeting", 1 + (i % (circles * meetingsPerCircle)), person <= circles ? person : null, person,
                    person % 3 == 1 ? "Text" : "Email", person % 3 == 1 ? $"07700 9{person % 100000:D5}" : $"person{person}@example.org",
                    "Your circle meets on Tuesday", "Your circle meets on Tuesday at 10am at the café on the high street.", Timestamp(due), Timestamp(due),
                    pending ? "pending" : "sent", pending ? 0 : 1, pending ? null : Timestamp(due), Timestamp(due.AddDays(-2)), Timestamp(due)];
            }));

        await Step("audit_events", (c, t) => Insert(c, t, "audit_events", ["occurred_at", "user_id", "action", "entity_type", "entity_id", "detail", "ip_address"],
            tier.AuditRows, i =>
            {
                var person = 1 + (i % people);
                return [Timestamp(Reference.AddSeconds(-((tier.AuditRows - i) * 20L % (700L * 24 * 3600)))), ConnectorOf(person),
                    i % 4 == 0 ? "person.changed" : "person.viewed", "person", person.ToString(CultureInfo.InvariantCulture), null, "127.0.0.1"];
            }));

        await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: System.Data.CommandType.Text, cancellationToken: cancellationToken));
        // Copy the write-ahead log into the database and empty it now (gigabytes at tier L), rather than leave the
        // site's first write to do it while it serves, as a benchmark's first round would otherwise measure.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken));
        return report;
    }

    /// <summary>Inserts <paramref name="count"/> rows through one prepared statement.</summary>
    private static long Insert(DbConnection connection, DbTransaction transaction, string table, string[] columns, long count, Func<long, object?[]> row)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "$p" + i;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        command.Prepare();
        for (long i = 0; i < count; i++)
        {
            var values = row(i);
            for (var c = 0; c < parameters.Length; c++)
            {
                parameters[c].Value = values[c] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        return count;
    }

    // Spread by a hash of the id: a person's area is their id mod the number of areas, and plain id arithmetic gave
    // every one of an area's 400 people the same name (and "smith" found nobody in area 1).
    private static string NameOf(long id)
    {
        var mixed = (ulong)id * 0x9E3779B97F4A7C15UL;
        mixed ^= mixed >> 29;
        return $"{FirstNames[(int)(mixed % (ulong)FirstNames.Length)]} {Surnames[(int)(mixed / (ulong)FirstNames.Length % (ulong)Surnames.Length)]}";
    }

    // Forty to a district; districts run S1 to S99, then DN1 to DN99 and so on, so every postcode has a real shape.
    private static string Postcode(long i) =>
        $"{PostcodeAreas[(int)(i / 40 / 99 % PostcodeAreas.Length)]}{(i / 40 % 99) + 1} {i % 10}{(char)('A' + (i % 26))}{(char)('A' + ((i / 26) % 26))}";

    /// <summary>
    /// Where a postcode is. Each area is a district around its own town, about 3 km across: area 1 is Sheffield (S1),
    /// and the rest are spread over England by a low-discrepancy sequence, so a national tier's areas lie as far apart
    /// as a real network's do, not 250 areas in one city.
    /// </summary>
    private static (double Latitude, double Longitude) Place(long postcode)
    {
        var area = postcode / 40;
        var within = postcode % 40;
        var (latitude, longitude) = area == 0
            ? (53.38, -1.47)
            : (50.8 + (4.0 * Fraction(area * 0.7548776662)), -3.2 + (4.5 * Fraction(area * 0.5698402910)));
        return (Math.Round(latitude + (within % 8 * 0.004), 4), Math.Round(longitude + (within / 8 * 0.006), 4));

        static double Fraction(double x) => x - Math.Floor(x);
    }

    private static string Timestamp(DateTimeOffset at) => TypeHandlers.Format(at);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Guid(long id) => $"00000000-0000-4000-8000-{id:D12}";
}

/// <summary>
/// The key pages bench/run.sh measures, for a tier's seed (bench/run.sh lists the same). The bench connector works in
/// area 1. A person's area is 1 + id mod the number of areas, so the person, and the circle around them, whose id is
/// the number of areas is in area 1.
/// </summary>
public static class BenchmarkPages
{
    public static IReadOnlyList<string> Tier(string name)
    {
        var tier = SeedTier.Named(name) ?? throw new ArgumentException("No such tier", nameof(name));
        return ["/", "/people?search=smith", $"/people/{tier.Areas}", $"/circles/{tier.Areas}", "/assets?search=knit&near=S1+0AA", "/api/oruk/services", "/messages"];
    }
}
