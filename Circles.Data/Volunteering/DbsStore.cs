using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Core.Volunteering;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Volunteering;

public sealed class DbsStore(IDbConnectionFactory database) : IDbsStore
{
    // Each volunteer's latest check of each level (by issue date, then when recorded), for those still involved: a newer
    // basic check must not hide when the enhanced one, the one that allows regulated activity, is due.
    private const string Latest =
        """
        SELECT d.id AS check_id, d.volunteer_id, v.full_name, v.area_id, a.name AS area_name, d.level, d.recheck_due_on
        FROM dbs_checks d
        JOIN volunteers v ON v.id = d.volunteer_id AND v.status IN ('screening', 'approved')
        JOIN areas a ON a.id = v.area_id
        WHERE d.id = (SELECT d2.id FROM dbs_checks d2 WHERE d2.volunteer_id = d.volunteer_id AND d2.level = d.level ORDER BY d2.issued_on DESC, d2.id DESC LIMIT 1)
        """;

    public async Task<long> Add(long volunteerId, DbsCheck check, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO dbs_checks (volunteer_id, level, workforce, issued_on, certificate_number, update_service, status_checked_on, recheck_due_on, recorded_at, recorded_by)
            VALUES (@VolunteerId, @Level, @Workforce, @IssuedOn, @CertificateNumber, @UpdateService, @StatusCheckedOn, @RecheckDueOn, @At, @By)
            RETURNING id
            """,
            new
            {
                VolunteerId = volunteerId, check.Level, check.Workforce, check.IssuedOn, check.CertificateNumber, check.UpdateService,
                check.StatusCheckedOn, check.RecheckDueOn, At = at, By = by,
            },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO volunteer_events (volunteer_id, kind, detail, happened_on, recorded_at, recorded_by) VALUES (@VolunteerId, 'status', @Detail, @On, @At, @By)",
            new { VolunteerId = volunteerId, Detail = $"DBS check recorded: {DbsLevels.Label(check.Level)}", On = UkTime.DateOfInstant(at), At = at, By = by },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<DbsCheck>> ForVolunteer(long volunteerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<DbsCheck>(new CommandDefinition(
            """
            SELECT id, volunteer_id, level, workforce, issued_on, certificate_number, update_service, status_checked_on, recheck_due_on
            FROM dbs_checks WHERE volunteer_id = @VolunteerId ORDER BY issued_on DESC, id DESC
            """,
            new { VolunteerId = volunteerId },
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<DbsDue>> DueBy(Viewer? viewer, DateOnly day, CancellationToken cancellationToken)
    {
        var reach = viewer is null || viewer.SeesAllAreas ? "" : " AND v.area_id IN @AreaIds";
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<DbsDue>(new CommandDefinition(
            $"{Latest} AND d.recheck_due_on <= @Day{reach} ORDER BY d.recheck_due_on, v.full_name",
            new { Day = day, AreaIds = viewer?.AreaIds.ToArray() ?? [] },
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<(DbsDue Check, IReadOnlyList<Contact> Coordinators)>> DueOn(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return [];
        }

        await using var connection = await database.Open(cancellationToken);
        var due = await connection.QueryAsync<DbsDue>(new CommandDefinition(
            $"{Latest} AND d.recheck_due_on IN @Days ORDER BY d.recheck_due_on, d.id",
            new { Days = days.Distinct().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray() },
            cancellationToken: cancellationToken));
        var users = new Dictionary<long, Contact?>();
        var result = new List<(DbsDue, IReadOnlyList<Contact>)>();
        foreach (var check in due)
        {
            var coordinators = await Messaging.CircleReminders.AreaCoordinators(connection, check.AreaId, users, cancellationToken);
            result.Add((check, coordinators));
        }

        return result;
    }

    public async Task<bool> StatusChecked(long volunteerId, long checkId, DateOnly on, DateOnly recheckDueOn, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE dbs_checks SET status_checked_on = @On, recheck_due_on = @Due WHERE id = @CheckId AND volunteer_id = @VolunteerId AND update_service = 1",
            new { On = on, Due = recheckDueOn, CheckId = checkId, VolunteerId = volunteerId },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO volunteer_events (volunteer_id, kind, detail, happened_on, recorded_at, recorded_by) VALUES (@VolunteerId, 'status', 'DBS Update Service status checked', @On, @At, @By)",
            new { VolunteerId = volunteerId, On = on, At = at, By = by },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    public async Task<(long VolunteerId, DbsCheck? Latest)?> ForMember(long memberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var volunteerId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT p.volunteer_id FROM circle_members m JOIN people p ON p.id = m.person_id WHERE m.id = @MemberId AND p.volunteer_id IS NOT NULL",
            new { MemberId = memberId },
            cancellationToken: cancellationToken));
        if (volunteerId is not { } id)
        {
            return null;
        }

        var latest = await connection.QueryFirstOrDefaultAsync<DbsCheck>(new CommandDefinition(
            """
            SELECT id, volunteer_id, level, workforce, issued_on, certificate_number, update_service, status_checked_on, recheck_due_on
            FROM dbs_checks d
            WHERE d.volunteer_id = @Id AND d.level = 'enhanced_barred' AND d.workforce IN ('adult', 'adult_and_child')
              -- Someone no longer approved (rejected, withdrew, moved on) has no check that counts.
              AND EXISTS (SELECT 1 FROM volunteers v WHERE v.id = d.volunteer_id AND v.status = 'approved')
            ORDER BY d.recheck_due_on DESC, d.id DESC LIMIT 1
            """,
            new { Id = id },
            cancellationToken: cancellationToken));
        return (id, latest);
    }
}
