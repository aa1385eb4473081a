using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Settings;
using Mediator;

namespace Circles.Core.CheckIns;

public static class FollowUpReasons
{
    public const string WorryingAnswer = "worrying_answer";
    public const string NoReply = "no_reply";
    public const string UnreadableReply = "unreadable_reply";

    /// <summary>Neutral words, safe on a home page: what to do, not what they said.</summary>
    public static string Describe(string reason) => reason switch
    {
        WorryingAnswer => "A check-in answer to follow up",
        NoReply => "No reply to the check-in question",
        UnreadableReply => "A text message from them to read",
        _ => reason,
    };
}

/// <summary>A task for a person to follow something up; created with a key, so the same cause never makes two.</summary>
public sealed record NewFollowUp(long PersonId, string Reason, string DedupeKey, DateOnly DueOn, long? CheckInId, long? RequestId, string? ReplyText = null);

public static class FollowUpRules
{
    /// <summary>The next working day (Monday to Friday) after the given day: a follow-up is due within one.</summary>
    public static DateOnly NextWorkingDay(DateOnly day)
    {
        var next = day.AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            next = next.AddDays(1);
        }

        return next;
    }

    /// <summary>
    /// A task when the answers are worrying. The key is the person, the London day and the answers themselves, so a
    /// second identical answer the same day adds nothing, while a different answer, or the same one another day, does.
    /// </summary>
    public static NewFollowUp? ForAnswers(NewCheckIn checkIn, int uclaThreshold, DateTimeOffset now)
    {
        var answers = new CheckInAnswers(checkIn.Answers);
        if (answers.WorryingBecause(uclaThreshold).Count == 0)
        {
            return null;
        }

        var day = UkTime.DateOfInstant(checkIn.TakenAt);
        return new NewFollowUp(checkIn.PersonId, FollowUpReasons.WorryingAnswer, $"worrying:{checkIn.PersonId}:{day:yyyyMMdd}:{answers.Fingerprint()}",
            NextWorkingDay(UkTime.DateOfInstant(now)), null, checkIn.RequestId);
    }

    public static NewFollowUp NoReply(long personId, long requestId, DateTimeOffset now) =>
        new(personId, FollowUpReasons.NoReply, $"no-reply:{requestId}", NextWorkingDay(UkTime.DateOfInstant(now)), null, requestId);

    /// <summary>A text to read: words instead of a number, or anything sent when no question was waiting.</summary>
    public static NewFollowUp TextToRead(long personId, long? requestId, string textKey, string text, DateTimeOffset now) =>
        new(personId, FollowUpReasons.UnreadableReply, $"text:{textKey}", NextWorkingDay(UkTime.DateOfInstant(now)), null, requestId, text);
}

public sealed record FollowUpTask
{
    public long Id { get; init; }

    public long PersonId { get; init; }

    public string PersonName { get; init; } = "";

    public long? AssignedUserId { get; init; }

    public string? AssignedName { get; init; }

    public string Reason { get; init; } = "";

    public DateOnly DueOn { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? ClosedByName { get; init; }

    public string? ClosingNote { get; init; }

    /// <summary>For a reply by text that was not a number: what they wrote, for the connector to read.</summary>
    public string? ReplyText { get; init; }

    public bool IsOpen => ClosedAt is null;

    public bool IsLateOn(DateOnly today) => IsOpen && DueOn < today;
}

public interface IFollowUpStore
{
    /// <summary>
    /// Open tasks the viewer should act on: their own, and for a coordinator those in their areas nobody holds.
    /// Administrators see every open task when <paramref name="mineOnly"/> is false.
    /// </summary>
    Task<IReadOnlyList<FollowUpTask>> Open(Viewer viewer, bool mineOnly, CancellationToken cancellationToken);

    Task<IReadOnlyList<FollowUpTask>> ForPerson(long personId, CancellationToken cancellationToken);

    Task<FollowUpTask?> Find(long taskId, CancellationToken cancellationToken);

    Task<bool> Close(long taskId, long closedBy, string note, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Adds a task unless one with its key exists. The assignee is the person's connector, worked out as it is written.</summary>
    Task<bool> Add(NewFollowUp task, DateTimeOffset at, CancellationToken cancellationToken);
}

public sealed record GetFollowUpQuery(long TaskId) : IQuery<FollowUpTask>;

public sealed class GetFollowUpHandler(IFollowUpStore tasks, ICheckInStore checkIns, ICurrentViewer viewer, IAuditLog audit) : IQueryHandler<GetFollowUpQuery, FollowUpTask>
{
    public async ValueTask<FollowUpTask> Handle(GetFollowUpQuery query, CancellationToken cancellationToken)
    {
        var task = await FollowUpAccess.Require(tasks, checkIns, viewer, query.TaskId, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.FollowUpViewed, "person", task.PersonId.ToString(), $"Follow-up {task.Id}"), cancellationToken);
        return task;
    }
}

/// <summary>A person's follow-ups, open and closed, for those who may see their answers.</summary>
public sealed record ListPersonFollowUpsQuery(long PersonId) : IQuery<IReadOnlyList<FollowUpTask>>;

public sealed class ListPersonFollowUpsHandler(IFollowUpStore tasks, ICheckInStore checkIns, ICurrentViewer viewer)
    : IQueryHandler<ListPersonFollowUpsQuery, IReadOnlyList<FollowUpTask>>
{
    public async ValueTask<IReadOnlyList<FollowUpTask>> Handle(ListPersonFollowUpsQuery query, CancellationToken cancellationToken)
    {
        await AnswerAccess.Require(checkIns, viewer, query.PersonId, cancellationToken);
        return await tasks.ForPerson(query.PersonId, cancellationToken);
    }
}

/// <summary>A follow-up is for the people who may see the answers behind it.</summary>
public static class FollowUpAccess
{
    public static async Task<FollowUpTask> Require(IFollowUpStore tasks, ICheckInStore checkIns, ICurrentViewer viewer, long taskId, CancellationToken cancellationToken)
    {
        var task = await tasks.Find(taskId, cancellationToken) ?? throw new NotFoundException("follow-up", taskId);
        await AnswerAccess.Require(checkIns, viewer, task.PersonId, cancellationToken);
        return task;
    }
}

/// <summary>Closes a follow-up with a note of what was done.</summary>
public sealed record CloseFollowUpCommand : ICommand
{
    public long TaskId { get; init; }

    public string? Note { get; init; }
}

public sealed class CloseFollowUpValidator : Validator<CloseFollowUpCommand>
{
    public const int NoteMaxLength = 2000;

    protected override void Rules(CloseFollowUpCommand c, Failures failures)
    {
        failures.Required("Note", c.Note, "Enter what you did, for example: phoned her, she is going to the lunch club on Friday");
        failures.MaxLength("Note", c.Note?.Trim(), NoteMaxLength, "The note");
    }
}

public sealed class CloseFollowUpHandler(IFollowUpStore tasks, ICheckInStore checkIns, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CloseFollowUpCommand>
{
    public async ValueTask<Unit> Handle(CloseFollowUpCommand c, CancellationToken cancellationToken)
    {
        var task = await FollowUpAccess.Require(tasks, checkIns, viewer, c.TaskId, cancellationToken);
        if (!await tasks.Close(c.TaskId, viewer.Current.UserId, Text.Clean(c.Note)!, clock.GetUtcNow(), cancellationToken))
        {
            throw ValidationException.For("", "This task was already closed");
        }

        await audit.Record(new AuditEntry(AuditActions.FollowUpClosed, "person", task.PersonId.ToString(), $"Follow-up {task.Id}"), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// The scheduled sweep: a check-in question that was sent and not answered within the organisation's number of
/// days becomes a task for the person's connector. Run by the check-in-follow-ups job; asking twice is harmless.
/// </summary>
public sealed record CreateNoReplyFollowUpsCommand : ICommand<int>;

public sealed class CreateNoReplyFollowUpsHandler(ICheckInRequestStore requests, IFollowUpStore tasks, ISettingsStore settings, TimeProvider clock)
    : ICommandHandler<CreateNoReplyFollowUpsCommand, int>
{
    public async ValueTask<int> Handle(CreateNoReplyFollowUpsCommand command, CancellationToken cancellationToken)
    {
        var organisation = GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var request in await requests.Unanswered(sentBefore: now.AddDays(-organisation.NoReplyDays), cancellationToken))
        {
            if (await tasks.Add(FollowUpRules.NoReply(request.PersonId, request.Id, now), now, cancellationToken))
            {
                added++;
            }
        }

        return added;
    }
}
