using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Core.Settings;
using Mediator;

namespace Circles.Core.CheckIns;

/// <summary>What check-in prompts for one person depend on: their cadence, last contact and who to tell.</summary>
public sealed record CheckInPromptInputs : ICadenceClock
{
    public long PersonId { get; init; }

    public required Contact Person { get; init; }

    public int IdealDays { get; init; }

    public int MaximumDays { get; init; }

    public DateOnly StartedOn { get; init; }

    public DateTimeOffset? LastContactAt { get; init; }

    /// <summary>Set when the person agreed to be sent the check-in question by text or email.</summary>
    public DateOnly? AskByMessageSince { get; init; }

    public Contact? Checker { get; init; }

    /// <summary>Coordinators for the person's area: told when a check-in becomes overdue.</summary>
    public IReadOnlyList<Contact> Coordinators { get; init; } = [];

    /// <summary>Prompts are planned only for cadences that are running.</summary>
    public bool IsPaused => false;
}

/// <summary>The ONS question sent to a person, answerable once, by reply or through its link, until it expires.</summary>
public sealed record CheckInRequest
{
    public long Id { get; init; }

    public long PersonId { get; init; }

    public DateOnly DueOn { get; init; }

    public DateTimeOffset AskedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public string? Token { get; init; }
}

/// <summary>Signed tokens for the one-question reply page: implemented by the web host with its data-protection keys.</summary>
public interface ICheckInReplyTokens
{
    string Issue(long requestId);

    /// <summary>The request a token names, or null when it is not one of ours (forged, damaged or from another site).</summary>
    long? Read(string? token);
}

public interface ICheckInRequestStore
{
    /// <summary>People on an active cadence whose check-in falls due or overdue on a day near the range.</summary>
    Task<IReadOnlyList<CheckInPromptInputs>> PromptCandidates(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);

    /// <summary>The request for this person and due day, made (with its token) the first time it is asked for.</summary>
    Task<CheckInRequest> Ensure(long personId, DateOnly dueOn, DateTimeOffset askAt, DateTimeOffset expiresAt, Func<long, string> token, CancellationToken cancellationToken);

    Task<CheckInRequest?> Find(long requestId, CancellationToken cancellationToken);

    /// <summary>Requests whose question was sent before the time and has not been answered.</summary>
    Task<IReadOnlyList<CheckInRequest>> Unanswered(DateTimeOffset sentBefore, CancellationToken cancellationToken);

    /// <summary>The latest unanswered, unexpired request whose question went by text to this number.</summary>
    Task<CheckInRequest?> OpenForPhone(string phone, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Uses the request up and records the answer with its follow-up, in one transaction. False when it was already
    /// used or has expired, and then nothing is written.
    /// </summary>
    Task<bool> Answer(long requestId, NewCheckIn checkIn, NewFollowUp? followUp, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// A reply that could not be read as a number: the request is used up, the reply kept for the connector, the
    /// reply counted as contact, and the connector given a task to read it.
    /// </summary>
    Task<bool> AnswerUnreadable(long requestId, NewFollowUp followUp, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The person on a check-in cadence whose mobile number this is, if exactly one is.</summary>
    Task<long?> PersonForPhone(string phone, CancellationToken cancellationToken);

    /// <summary>A text that answered no question: counted as contact, and a task to read it.</summary>
    Task AddTextToRead(NewFollowUp followUp, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Check-in prompts: the checker at 9am on the day a check-in falls due, the checker and the area's coordinators at
/// 9am on the day it becomes overdue, and, where the person agreed, the ONS question to the person on the due day.
/// Any contact moves the days on, and the planner cancels prompts no longer wanted.
/// </summary>
public sealed class CheckInPromptSource(ICheckInRequestStore requests, ICheckInReplyTokens tokens) : IScheduledMessageSource
{
    /// <summary>How long the link in a check-in question works.</summary>
    public static readonly TimeSpan ReplyLifetime = TimeSpan.FromDays(7);

    public IReadOnlyList<string> Owns => [CheckInPromptSourceTypes.Cadence, CheckInPromptSourceTypes.Request];

    public async Task<IReadOnlyList<OutboxMessage>> MessagesDue(DateTimeOffset from, DateTimeOffset to, MessagePlan plan, CancellationToken cancellationToken)
    {
        var firstDay = UkTime.DateOfInstant(from);
        var lastDay = UkTime.DateOfInstant(to);
        var messages = new List<OutboxMessage>();
        foreach (var person in await requests.PromptCandidates(firstDay, lastDay, cancellationToken))
        {
            messages.AddRange(plan.CheckInPrompts(person));
            var askAt = ReminderTimes.DailyAt(person.DueOn);
            if (person.AskByMessageSince is not null && person.Person.Channel.CanSend && askAt >= from && askAt <= to)
            {
                var request = await requests.Ensure(person.PersonId, person.DueOn, askAt, askAt + ReplyLifetime, tokens.Issue, cancellationToken);
                messages.Add(plan.CheckInQuestion(person, request));
            }
        }

        return messages.Where(m => m.DueAt >= from && m.DueAt <= to).ToList();
    }
}

/// <summary>Where the one-question page lives, and how its links are hidden from anyone but the person.</summary>
public static partial class CheckInReplyLinks
{
    public const string Path = "/check-in";

    /// <summary>The text with every reply token replaced, so a link shown to staff cannot be used.</summary>
    public static string Mask(string text) => Token().Replace(text, "token=(hidden)");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=/check-in\?)token=[A-Za-z0-9_\-]+")]
    private static partial System.Text.RegularExpressions.Regex Token();
}

public static class CheckInPromptSourceTypes
{
    public const string Cadence = "check_in_cadence";
    public const string Request = "check_in_request";
}

/// <summary>What the one-question page shows for a token: the question, or why it cannot be answered.</summary>
public enum ReplyLinkState
{
    Open,
    NotRecognised,
    AlreadyUsed,
    Expired,
}

public sealed record CheckInReplyPage(ReplyLinkState State, string OrganisationName, DateTimeOffset? ExpiresAt);

public sealed record GetCheckInReplyQuery(string? Token) : IQuery<CheckInReplyPage>;

public sealed class GetCheckInReplyHandler(ICheckInRequestStore requests, ICheckInReplyTokens tokens, ISettingsStore settings, TimeProvider clock)
    : IQueryHandler<GetCheckInReplyQuery, CheckInReplyPage>
{
    public async ValueTask<CheckInReplyPage> Handle(GetCheckInReplyQuery query, CancellationToken cancellationToken)
    {
        var organisation = GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
        var request = tokens.Read(query.Token) is { } id ? await requests.Find(id, cancellationToken) : null;
        return new CheckInReplyPage(StateOf(request, clock.GetUtcNow()), organisation.OrganisationName, request?.ExpiresAt);
    }

    public static ReplyLinkState StateOf(CheckInRequest? request, DateTimeOffset now) => request switch
    {
        null => ReplyLinkState.NotRecognised,
        { AnsweredAt: not null } => ReplyLinkState.AlreadyUsed,
        _ when request.ExpiresAt <= now => ReplyLinkState.Expired,
        _ => ReplyLinkState.Open,
    };
}

/// <summary>The person's own answer, from the one-question page: no account, the token is the permission.</summary>
public sealed record AnswerCheckInByLinkCommand : ICommand<ReplyLinkState>
{
    public string? Token { get; init; }

    public string? Answer { get; init; }
}

public sealed class AnswerCheckInByLinkHandler(ICheckInRequestStore requests, ICheckInReplyTokens tokens, ISettingsStore settings, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<AnswerCheckInByLinkCommand, ReplyLinkState>
{
    public async ValueTask<ReplyLinkState> Handle(AnswerCheckInByLinkCommand c, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var request = tokens.Read(c.Token) is { } id ? await requests.Find(id, cancellationToken) : null;
        var state = GetCheckInReplyHandler.StateOf(request, now);
        if (state != ReplyLinkState.Open)
        {
            return state;
        }

        if (OnsDirectQuestion.Question.Find(c.Answer) is null)
        {
            throw ValidationException.For("Answer", "Choose how often you feel lonely");
        }

        var organisation = GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
        var checkIn = new NewCheckIn(request!.PersonId, now, CheckInMethods.LinkReply, null,
            new Dictionary<string, string> { [OnsDirectQuestion.Question.Key] = c.Answer! }, request.Id);
        if (!await requests.Answer(request.Id, checkIn, FollowUpRules.ForAnswers(checkIn, organisation.UclaThreshold, now), now, cancellationToken))
        {
            // Answered in another tab a moment ago, or expired while the page was open.
            return GetCheckInReplyHandler.StateOf(await requests.Find(request.Id, cancellationToken), now);
        }

        await audit.RecordAs(null, new AuditEntry(AuditActions.CheckInAnswered, "person", request.PersonId.ToString(), $"Answered check-in question {request.Id} through its link"), cancellationToken);
        return ReplyLinkState.Open;
    }
}

/// <summary>
/// A text message received (from GOV.UK Notify). A number answers the latest open question sent to that phone. STOP
/// stops their texts. Anything else from someone we know, including a second text after an answer, is kept for their
/// connector to read: nothing a person writes to us is dropped, and nothing is guessed from it.
/// </summary>
public sealed record ReceiveTextReplyCommand(string? From, string? Message, string? NotifyId = null) : ICommand<bool>;

public sealed class ReceiveTextReplyHandler(ICheckInRequestStore requests, IOutboxStore outbox, ISettingsStore settings, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ReceiveTextReplyCommand, bool>
{
    public async ValueTask<bool> Handle(ReceiveTextReplyCommand c, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (string.IsNullOrWhiteSpace(c.From))
        {
            return false;
        }

        var request = await requests.OpenForPhone(c.From, now, cancellationToken);
        var personId = request?.PersonId ?? await requests.PersonForPhone(c.From, cancellationToken);
        if (personId is not { } person)
        {
            return false;
        }

        var text = Text.Clean(c.Message) ?? "";
        text = text.Length > 1000 ? text[..1000] : text;
        if (text.Equals("STOP", StringComparison.OrdinalIgnoreCase))
        {
            await outbox.OptOut(MessageRecipient.Person(person), MessageChannel.Text, "Replied STOP to a text", null, now, cancellationToken);
            await audit.RecordAs(null, new AuditEntry(AuditActions.MessageOptOut, "person", person.ToString(), "Replied STOP to a text"), cancellationToken);
            return true;
        }

        var textKey = c.NotifyId is { Length: > 0 and <= 100 } id ? id : $"{person}:{now:yyyyMMddHHmmssfff}";
        var answer = OnsDirectQuestion.FromReply(text);
        if (request is null || answer is null)
        {
            var task = FollowUpRules.TextToRead(person, request?.Id, textKey, text, now);
            if (request is not null)
            {
                await requests.AnswerUnreadable(request.Id, task, now, cancellationToken);
            }
            else
            {
                await requests.AddTextToRead(task, now, cancellationToken);
            }

            return true;
        }

        var organisation = GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
        var checkIn = new NewCheckIn(person, now, CheckInMethods.TextReply, null, new Dictionary<string, string> { [OnsDirectQuestion.Question.Key] = answer }, request.Id);
        if (await requests.Answer(request.Id, checkIn, FollowUpRules.ForAnswers(checkIn, organisation.UclaThreshold, now), now, cancellationToken))
        {
            await audit.RecordAs(null, new AuditEntry(AuditActions.CheckInAnswered, "person", person.ToString(), $"Answered check-in question {request.Id} by text"), cancellationToken);
        }

        return true;
    }
}
