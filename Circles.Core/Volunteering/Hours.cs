using System.Globalization;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Volunteering;

public sealed record MyCircleChoice(long CircleId, string FocusName);

public sealed record MyAction
{
    public long Id { get; init; }

    public long CircleId { get; init; }

    public string FocusName { get; init; } = "";

    public string Description { get; init; } = "";

    public DateOnly? DueOn { get; init; }
}

public sealed record HoursEntry
{
    public long Id { get; init; }

    public long VolunteerId { get; init; }

    public string VolunteerName { get; init; } = "";

    public long CircleId { get; init; }

    public string FocusName { get; init; } = "";

    public DateOnly WorkedOn { get; init; }

    public int Minutes { get; init; }

    public string? Note { get; init; }

    public string Status { get; init; } = "";

    public string? QueryNote { get; init; }
}

public sealed record HoursTotal(string Name, int ApprovedMinutes, int WaitingMinutes);

public sealed record HoursTotals(IReadOnlyList<HoursTotal> ByVolunteer, IReadOnlyList<HoursTotal> ByCircle, IReadOnlyList<HoursTotal> ByArea);

/// <summary>A volunteer's own page: their circles' open actions for them, their DBS status (never the number) and their hours.</summary>
public sealed record MyVolunteering(
    long? VolunteerId, IReadOnlyList<MyCircleChoice> Circles, IReadOnlyList<MyAction> Actions, string? DbsLevel, DateOnly? DbsRecheckDueOn,
    IReadOnlyList<HoursEntry> RecentHours, DateOnly Today)
{
    /// <summary>The next meetings of their circles: when and where, as the invitation told them.</summary>
    public IReadOnlyList<MyMeeting> Meetings { get; init; } = [];
}

public sealed record MyMeeting
{
    public string FocusName { get; init; } = "";

    public DateTimeOffset StartsAt { get; init; }

    public string? Place { get; init; }
}

public interface IHoursStore
{
    Task<long?> VolunteerOf(long userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MyCircleChoice>> CirclesOf(long volunteerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MyAction>> OpenActionsOf(long volunteerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MyMeeting>> NextMeetingsOf(long volunteerId, DateTimeOffset from, CancellationToken cancellationToken);

    Task<long> Log(long volunteerId, long circleId, long? actionId, DateOnly on, int minutes, string? note, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<HoursEntry>> Recent(long volunteerId, int count, CancellationToken cancellationToken);

    /// <summary>Hours waiting for a coordinator (logged or queried) in the viewer's areas.</summary>
    Task<IReadOnlyList<HoursEntry>> Waiting(Viewer viewer, CancellationToken cancellationToken);

    Task<(long AreaId, string Status)?> AreaOf(long hoursId, CancellationToken cancellationToken);

    Task Review(long hoursId, string status, string? queryNote, long by, DateTimeOffset at, CancellationToken cancellationToken);

    Task<HoursTotals> Totals(Viewer viewer, CancellationToken cancellationToken);
}

public sealed record GetMyVolunteeringQuery : IQuery<MyVolunteering>;

public sealed class GetMyVolunteeringHandler(IHoursStore hours, IDbsStore dbs, ICurrentViewer viewer, TimeProvider clock) : IQueryHandler<GetMyVolunteeringQuery, MyVolunteering>
{
    public async ValueTask<MyVolunteering> Handle(GetMyVolunteeringQuery query, CancellationToken cancellationToken)
    {
        var today = UkTime.Today(clock);
        if (await hours.VolunteerOf(viewer.Current.UserId, cancellationToken) is not { } id)
        {
            return new MyVolunteering(null, [], [], null, null, [], today);
        }

        var checks = await dbs.ForVolunteer(id, cancellationToken);
        var latest = checks.Count > 0 ? checks[0] : null;
        return new MyVolunteering(id, await hours.CirclesOf(id, cancellationToken), await hours.OpenActionsOf(id, cancellationToken),
            latest?.Level, latest?.RecheckDueOn, await hours.Recent(id, 10, cancellationToken), today)
        {
            Meetings = await hours.NextMeetingsOf(id, clock.GetUtcNow(), cancellationToken),
        };
    }
}

public sealed record LogHoursCommand : ICommand<long>
{
    public long? CircleId { get; init; }

    /// <summary>One of their own actions in that circle, when the time was for a task.</summary>
    public long? ActionId { get; init; }

    public string? OnDay { get; init; }

    public string? OnMonth { get; init; }

    public string? OnYear { get; init; }

    public string? Hours { get; init; }

    public string? Note { get; init; }
}

public static class HoursRules
{
    /// <summary>"1.5", "1:30" or "90m" as minutes, in quarter hours from 15 minutes to 24 hours; null when it cannot be read.</summary>
    public static int? ReadMinutes(string? text)
    {
        var value = (text ?? "").Trim().ToLowerInvariant();
        int? minutes = null;
        if (value.EndsWith('m') && int.TryParse(value[..^1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            minutes = m;
        }
        else if (value.Split(':') is [var h, var mm] && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var hh)
            && int.TryParse(mm, NumberStyles.None, CultureInfo.InvariantCulture, out var mins) && mins < 60)
        {
            minutes = (hh * 60) + mins;
        }
        else if (decimal.TryParse(value.TrimEnd('h').Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) && hours <= 24)
        {
            minutes = (int)Math.Round(hours * 60);
        }

        return minutes is >= 15 and <= 1440 && minutes % 15 == 0 ? minutes : null;
    }

    public static string Describe(int minutes) => minutes % 60 == 0
        ? $"{minutes / 60} {(minutes == 60 ? "hour" : "hours")}"
        : $"{minutes / 60}h {minutes % 60}m";
}

public sealed class LogHoursValidator(TimeProvider clock) : Validator<LogHoursCommand>
{
    protected override void Rules(LogHoursCommand c, Failures failures)
    {
        if (c.CircleId is null)
        {
            failures.Add("CircleId", "Choose the circle you helped");
        }

        var today = UkTime.Today(clock);
        if (UkFormats.ReadDate(c.OnDay, c.OnMonth, c.OnYear, "Date", out var on) is { } problem)
        {
            failures.Add("OnDay", problem);
        }
        else if (on is null)
        {
            failures.Add("OnDay", "Enter the date you helped");
        }
        else if (on > today || on < today.AddYears(-1))
        {
            failures.Add("OnDay", "The date must be in the last year, and not in the future");
        }

        if (HoursRules.ReadMinutes(c.Hours) is null)
        {
            failures.Add("Hours", "Enter the time in quarter hours, like 1.5 or 1:30, from 15 minutes to 24 hours");
        }

        failures.MaxLength("Note", c.Note?.Trim(), 1000, "What you did");
    }
}

public sealed class LogHoursHandler(IHoursStore hours, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<LogHoursCommand, long>
{
    public async ValueTask<long> Handle(LogHoursCommand c, CancellationToken cancellationToken)
    {
        var volunteer = await hours.VolunteerOf(viewer.Current.UserId, cancellationToken) ?? throw new NotFoundException("volunteer", "me");
        if ((await hours.CirclesOf(volunteer, cancellationToken)).All(circle => circle.CircleId != c.CircleId))
        {
            throw ValidationException.For("CircleId", "Choose one of your circles");
        }

        if (c.ActionId is { } actionId && (await hours.OpenActionsOf(volunteer, cancellationToken)).All(a => a.Id != actionId || a.CircleId != c.CircleId))
        {
            throw ValidationException.For("ActionId", "Choose one of your own tasks in that circle, or none");
        }

        UkFormats.ReadDate(c.OnDay, c.OnMonth, c.OnYear, "", out var on);
        var id = await hours.Log(volunteer, c.CircleId!.Value, c.ActionId, on!.Value, HoursRules.ReadMinutes(c.Hours)!.Value, Text.Clean(c.Note), clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.HoursLogged, "volunteer", volunteer.ToString(), $"Hours {id}"), cancellationToken);
        return id;
    }
}

/// <summary>Hours waiting for a coordinator, and the totals for reports.</summary>
public sealed record GetHoursQuery : IQuery<(IReadOnlyList<HoursEntry> Waiting, HoursTotals Totals)>;

public sealed class GetHoursHandler(IHoursStore hours, ICurrentViewer viewer) : IQueryHandler<GetHoursQuery, (IReadOnlyList<HoursEntry> Waiting, HoursTotals Totals)>
{
    public async ValueTask<(IReadOnlyList<HoursEntry> Waiting, HoursTotals Totals)> Handle(GetHoursQuery query, CancellationToken cancellationToken) =>
        Screen.CanAny(viewer.Current)
            ? (await hours.Waiting(viewer.Current, cancellationToken), await hours.Totals(viewer.Current, cancellationToken))
            : throw new NotFoundException("hours", "list");
}

/// <summary>A coordinator approves hours, or queries them with a question for the volunteer.</summary>
public sealed record ReviewHoursCommand(long HoursId, bool Approve, string? QueryNote) : ICommand;

public sealed class ReviewHoursHandler(IHoursStore hours, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<ReviewHoursCommand>
{
    public async ValueTask<Unit> Handle(ReviewHoursCommand c, CancellationToken cancellationToken)
    {
        if (await hours.AreaOf(c.HoursId, cancellationToken) is not { } found || !Screen.Can(viewer.Current, found.AreaId))
        {
            throw new NotFoundException("hours", c.HoursId);
        }

        if (found.Status == "approved")
        {
            throw ValidationException.For("", "These hours are already approved");
        }

        var note = Text.Clean(c.QueryNote);
        if (!c.Approve && note is null)
        {
            throw ValidationException.For("QueryNote", "Say what you would like to check about these hours");
        }

        if (note is { Length: > PersonRules.ShortTextMaxLength * 5 })
        {
            throw ValidationException.For("QueryNote", "The question must be 1000 characters or fewer");
        }

        await hours.Review(c.HoursId, c.Approve ? "approved" : "queried", c.Approve ? null : note, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.HoursReviewed, "hours", c.HoursId.ToString(), c.Approve ? "Approved" : "Queried"), cancellationToken);
        return Unit.Value;
    }
}
