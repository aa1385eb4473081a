using System.Globalization;
using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Core.Settings;

namespace Circles.Core.Messaging;

/// <summary>Links that go in messages: implemented by the web host, which knows the site's public address.</summary>
public interface IMessageLinks
{
    /// <summary>A signed link that stops this recipient's messages on the channel, without signing in.</summary>
    string Unsubscribe(MessageRecipient recipient, MessageChannel channel);

    /// <summary>A person's record, for staff: opening it needs signing in.</summary>
    string PersonRecord(long personId);

    /// <summary>The one-question check-in page for a signed reply token.</summary>
    string CheckInReply(string token);

    /// <summary>The list of community assets nobody has checked for a while.</summary>
    string StaleAssets();

    /// <summary>A volunteer's screening record, for coordinators: opening it needs signing in.</summary>
    string Volunteer(long volunteerId);
}

/// <summary>Someone who may be sent a message: a person, most of whom have no account, or a user.</summary>
public sealed record Contact
{
    public long? PersonId { get; init; }

    public long? UserId { get; init; }

    public string Name { get; init; } = "";

    public string? PreferredName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>A person's preferred channel; users are always emailed.</summary>
    public string PreferredChannel { get; init; } = People.PreferredChannels.Email;

    public IReadOnlyCollection<MessageChannel> OptedOut { get; init; } = [];

    public MessageRecipient Recipient => PersonId is { } p ? MessageRecipient.Person(p) : MessageRecipient.User(UserId!.Value);

    public string Greeting => string.IsNullOrWhiteSpace(PreferredName) ? Name.Split(' ', 2)[0] : PreferredName!;

    public ChannelChoice Channel => ChannelChoice.For(PreferredChannel, Email, Phone, OptedOut);
}

public sealed record ReminderMeeting
{
    public long Id { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string? Place { get; init; }

    public string? OnlineLink { get; init; }
}

/// <summary>What meeting reminders for one circle depend on, read inside the transaction that changed it.</summary>
public sealed record CircleReminderInputs
{
    public long CircleId { get; init; }

    public string FocusName { get; init; } = "";

    public bool IsClosed { get; init; }

    public IReadOnlyList<ReminderMeeting> Meetings { get; init; } = [];

    public IReadOnlyList<Contact> Members { get; init; } = [];

    public Contact? Facilitator { get; init; }
}

public sealed record ActionReminderInputs
{
    public long ActionId { get; init; }

    public long CircleId { get; init; }

    public string FocusName { get; init; } = "";

    public string Description { get; init; } = "";

    public DateOnly DueOn { get; init; }

    public required Contact Owner { get; init; }

    public Contact? Facilitator { get; init; }
}

/// <summary>
/// Writes the messages a change causes: what each says, to whom, on which channel and when. Pure: the
/// settings, the time and the link-maker are given, so tests can check every reminder against a fake clock.
/// </summary>
public sealed class MessagePlan(OrganisationSettings settings, DateTimeOffset now, IMessageLinks links)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public DateTimeOffset Now => now;

    public OrganisationSettings Settings => settings;

    public IReadOnlyList<OutboxMessage> MeetingReminders(CircleReminderInputs circle)
    {
        if (circle.IsClosed)
        {
            return [];
        }

        var messages = new List<OutboxMessage>();
        var recipients = circle.Facilitator is { } f && circle.Members.All(m => m.Email != f.Email) ? [.. circle.Members, f] : circle.Members;
        foreach (var meeting in circle.Meetings.Where(m => m.StartsAt > now))
        {
            var where = meeting.Place is { } place ? $"at {place}" : "online";
            foreach (var hours in settings.MeetingReminderHours)
            {
                var dueAt = ReminderTimes.Before(meeting.StartsAt, hours);
                foreach (var contact in recipients)
                {
                    var subject = $"Reminder: {circle.FocusName}’s circle meets on {Display.DayAndTime(meeting.StartsAt)}";
                    var body = $"""
                        Hello {contact.Greeting},

                        This is a reminder that {circle.FocusName}’s circle meets on {Display.DayAndTime(meeting.StartsAt)}, {where}.
                        """;
                    if (meeting.OnlineLink is { } link)
                    {
                        body += $"\n\nJoin online: {link}";
                    }

                    var key = $"meeting:{meeting.Id}:{meeting.StartsAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", Invariant)}:{hours}h";
                    messages.Add(To(contact, MessageTemplates.MeetingReminder, key, subject, body, dueAt) with
                    {
                        CircleId = circle.CircleId,
                        SourceType = "meeting",
                        SourceId = meeting.Id,
                        ExpiresAt = meeting.StartsAt,
                    });
                }
            }
        }

        return messages;
    }

    public OutboxMessage CircleInvitation(long circleId, long memberId, Contact member, string focusName, string connectorName, ReminderMeeting? nextMeeting)
    {
        var subject = $"You have joined {focusName}’s circle";
        var body = $"""
            Hello {member.Greeting},

            {connectorName} at {settings.OrganisationName} has added you to {focusName}’s circle: a few people who get together to support {focusName}.
            """;
        if (nextMeeting is not null)
        {
            var where = nextMeeting.Place is { } place ? $"at {place}" : "online";
            body += $"\n\nThe next meeting is on {Display.DayAndTime(nextMeeting.StartsAt)}, {where}.";
        }

        body += $"\n\nIf this is a mistake, or you have questions, please contact {connectorName} at {settings.OrganisationName}.";
        return To(member, MessageTemplates.CircleInvitation, $"circle:{circleId}:member:{memberId}:invitation", subject, body, now) with
        {
            CircleId = circleId,
            SourceType = "circle_member",
            SourceId = memberId,
        };
    }

    /// <summary>"Due soon" two days before at 9am, to the owner; "overdue" the day after at 9am, to the owner and the facilitator.</summary>
    public IReadOnlyList<OutboxMessage> ActionReminders(ActionReminderInputs action)
    {
        var messages = new List<OutboxMessage>();
        var dueSoonAt = ReminderTimes.DailyAt(action.DueOn.AddDays(-2));
        var overdueAt = ReminderTimes.DailyAt(action.DueOn.AddDays(1));
        var due = Display.Date(action.DueOn);
        var keyBase = $"action:{action.ActionId}:{action.DueOn:yyyyMMdd}";
        messages.Add(To(action.Owner, MessageTemplates.ActionDueSoon, $"{keyBase}:due-soon", $"Due on {due}: {Shorten(action.Description)}",
            $"""
            Hello {action.Owner.Greeting},

            A reminder from {action.FocusName}’s circle: you agreed to “{action.Description}” by {due}.
            """, dueSoonAt) with { CircleId = action.CircleId, SourceType = "action", SourceId = action.ActionId, ExpiresAt = UkTime.StartOfDayUtc(action.DueOn.AddDays(1)) });
        var recipients = action.Facilitator is { } f ? new[] { action.Owner, f } : [action.Owner];
        foreach (var contact in recipients)
        {
            var whose = contact == action.Owner ? "you agreed to" : $"{action.Owner.Name} agreed to";
            messages.Add(To(contact, MessageTemplates.ActionOverdue, $"{keyBase}:overdue", $"Overdue since {due}: {Shorten(action.Description)}",
                $"""
                Hello {contact.Greeting},

                In {action.FocusName}’s circle, {whose} “{action.Description}” by {due}, and it is not marked as done yet.
                """, overdueAt) with { CircleId = action.CircleId, SourceType = "action", SourceId = action.ActionId });
        }

        return messages;
    }

    /// <summary>
    /// To the checker at 9am on the day a check-in falls due; to the checker and the area's coordinators at 9am on
    /// the day it becomes overdue. They name the person and the last contact, never an answer or a score.
    /// </summary>
    public IReadOnlyList<OutboxMessage> CheckInPrompts(CheckIns.CheckInPromptInputs person)
    {
        var messages = new List<OutboxMessage>();
        var name = person.Person.Name;
        var since = person.LastContactOn is { } last ? $"The last contact was on {Display.Date(last)}." : $"Nobody has been in touch since check-ins started on {Display.Date(person.StartedOn)}.";
        var link = links.PersonRecord(person.PersonId);
        var keyBase = $"check-in:{person.PersonId}:{person.DueOn:yyyyMMdd}";
        if (person.Checker is { } checker)
        {
            messages.Add(To(checker, MessageTemplates.CheckInDue, $"{keyBase}:due", $"Time to check in with {name}",
                $"""
                Hello {checker.Greeting},

                It is time to check in with {name}: a call, a visit or a message all count. {since}

                Their record: {link}
                """, ReminderTimes.DailyAt(person.DueOn)) with
            {
                SourceType = CheckIns.CheckInPromptSourceTypes.Cadence,
                SourceId = person.PersonId,
                // Once the overdue prompt is due, this one has nothing to add.
                ExpiresAt = person.OverdueOn > person.DueOn ? ReminderTimes.DailyAt(person.OverdueOn) : null,
            });
        }

        var told = new List<Contact>();
        foreach (var contact in (person.Checker is { } c ? new[] { c } : []).Concat(person.Coordinators))
        {
            if (told.Any(t => t.UserId == contact.UserId))
            {
                continue;
            }

            told.Add(contact);
            var who = contact == person.Checker ? "you check in with them" : person.Checker is { } k ? $"{k.Name} checks in with them" : "nobody is set to check in with them";
            messages.Add(To(contact, MessageTemplates.CheckInOverdue, $"{keyBase}:overdue", $"Check-in overdue: {name}",
                $"""
                Hello {contact.Greeting},

                Nobody has been in touch with {name} for longer than the {person.MaximumDays} days agreed, and {who}. {since}

                Their record: {link}
                """, ReminderTimes.DailyAt(person.OverdueOn)) with { SourceType = CheckIns.CheckInPromptSourceTypes.Cadence, SourceId = person.PersonId });
        }

        return messages;
    }

    /// <summary>The ONS direct question, to a person who agreed to be asked by message: a text can be answered with a number.</summary>
    public OutboxMessage CheckInQuestion(CheckIns.CheckInPromptInputs person, CheckIns.CheckInRequest request)
    {
        var link = links.CheckInReply(request.Token!);
        var question = CheckIns.OnsDirectQuestion.Question;
        var numbered = string.Join("\n", question.Options.Select((o, i) => $"{i + 1} {o.Wording}"));
        var body = person.Person.Channel.Channel == MessageChannel.Text
            ? $"Hello {person.Person.Greeting}, {settings.OrganisationName} is checking in. {question.Wording} Reply with a number:\n{numbered}\nOr answer here: {link}"
            : $"""
              Hello {person.Person.Greeting},

              {settings.OrganisationName} is checking in, as you said we could. {question.Wording}

              You can answer with one click here: {link}

              The link works once, until {Display.Date(request.ExpiresAt)}. You do not have to answer, and you can always talk to us instead.
              """;
        return To(person.Person, MessageTemplates.CheckInQuestion, $"check-in-request:{request.Id}", $"{settings.OrganisationName} is checking in", body, request.AskedAt) with
        {
            SourceType = CheckIns.CheckInPromptSourceTypes.Request,
            SourceId = request.Id,
            ExpiresAt = request.ExpiresAt,
        };
    }

    /// <summary>The monthly email to a coordinator: how many assets in their areas nobody has checked for a while.</summary>
    public OutboxMessage StaleAssetDigest(Assets.StaleAssetDigest digest, DateOnly month)
    {
        var some = string.Join("\n", digest.Names.Select(n => "- " + Shorten(n)));
        var more = digest.Count > digest.Names.Count ? $"\n…and {digest.Count - digest.Names.Count} more." : "";
        var what = digest.Count == 1 ? "1 community asset in your areas has" : $"{digest.Count} community assets in your areas have";
        return To(digest.Coordinator, MessageTemplates.AssetDigest, $"asset-digest:{month:yyyyMM}", $"{what[..what.IndexOf(" in ", StringComparison.Ordinal)]} to check",
            $"""
            Hello {digest.Coordinator.Greeting},

            {what} not been checked for {settings.AssetStaleMonths} months or more. Groups fold and cafés close: a quick call or visit keeps the list worth using.

            {some}{more}

            The list, with a "Checked today" button for each: {links.StaleAssets()}
            """, ReminderTimes.DailyAt(month));
    }

    /// <summary>Thanks to someone who offered to volunteer: they have no account, so only their email address.</summary>
    public OutboxMessage VolunteerApplicationReceived(string email, string? opportunityTitle, string applicationKey) =>
        new()
        {
            DedupeKey = $"{MessageTemplates.VolunteerApplication}:{applicationKey}",
            Template = MessageTemplates.VolunteerApplication,
            Channel = MessageChannel.Email,
            Recipient = email,
            SourceType = "volunteer-application",
            // Nothing typed into the public form is repeated here except the address it goes to, so it cannot carry a stranger's words.
            Subject = $"Thank you for offering to help {settings.OrganisationName}",
            Body = $"""
                Hello,

                Thank you for offering to help{(opportunityTitle is null ? "" : $" with “{opportunityTitle}”")}. Someone from {settings.OrganisationName} will be in touch within two weeks to have a chat, and to ask your referees about you.

                If you did not fill in our form, you can ignore this email: nothing more will happen.

                {settings.OrganisationName}
                """,
            DueAt = now,
        };

    /// <summary>To a coordinator, 60, 30 and 7 days before a volunteer's DBS re-check: names the volunteer, never the certificate.</summary>
    public OutboxMessage DbsRecheckWarning(Contact coordinator, Volunteering.DbsDue check, int daysBefore) =>
        To(coordinator, MessageTemplates.DbsRecheck, $"dbs-recheck:{check.CheckId}:{daysBefore}", $"DBS re-check due in {daysBefore} days: {check.FullName}",
            $"""
            Hello {coordinator.Greeting},

            {check.FullName}'s DBS check ({Volunteering.DbsLevels.Label(check.Level).ToLowerInvariant()}) is due to be checked again on {Display.Date(check.RecheckDueOn)}, in {daysBefore} days.

            Their record: {links.Volunteer(check.VolunteerId)}
            """, ReminderTimes.DailyAt(check.RecheckDueOn.AddDays(-daysBefore))) with { SourceType = Volunteering.DbsRecheckWarningSource.SourceType, SourceId = check.CheckId };

    /// <summary>An email to a user (invitations, password resets): always email, never held back.</summary>
    public OutboxMessage AccountEmail(long userId, string email, string template, string subject, string body) =>
        new()
        {
            DedupeKey = $"{template}:user:{userId}:{Guid.NewGuid():N}",
            Template = template,
            Channel = MessageChannel.Email,
            Recipient = email,
            UserId = userId,
            SourceType = "user",
            SourceId = userId,
            Subject = subject,
            Body = body,
            DueAt = now,
        };

    private OutboxMessage To(Contact contact, string template, string key, string subject, string body, DateTimeOffset dueAt)
    {
        var choice = contact.Channel;
        var unsubscribe = choice.Channel == MessageChannel.Email && choice.CanSend ? links.Unsubscribe(contact.Recipient, MessageChannel.Email) : null;
        if (unsubscribe is not null)
        {
            body += $"\n\n{settings.OrganisationName}\nTo stop getting these emails, open {unsubscribe}";
        }
        else
        {
            body += $"\n\n{settings.OrganisationName}";
        }

        if (choice.Channel == MessageChannel.Text)
        {
            dueAt = settings.QuietHours.NextAllowed(dueAt);
        }

        return new OutboxMessage
        {
            DedupeKey = $"{key}:{choice.Channel}:{contact.Recipient}",
            Template = template,
            Channel = choice.Channel,
            Recipient = choice.Address,
            PersonId = contact.PersonId,
            UserId = contact.UserId,
            Subject = subject,
            Body = body,
            UnsubscribeUrl = unsubscribe,
            DueAt = dueAt,
            SuppressedBecause = choice.NotSentBecause,
        };
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}

/// <summary>Reads the settings and the time once, for a handler that is about to write messages.</summary>
public sealed class MessagePlanner(ISettingsStore settings, TimeProvider clock, IMessageLinks links)
{
    public async Task<MessagePlan> Prepare(CancellationToken cancellationToken) =>
        new(GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken)), clock.GetUtcNow(), links);
}
