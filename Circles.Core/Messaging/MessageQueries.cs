using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Circles.Core.Scheduling;
using Mediator;

namespace Circles.Core.Messaging;

/// <summary>Messages staff may see: those to people and circles in their areas; administrators see every message.</summary>
public sealed record ListMessagesQuery : IQuery<Page<MessageSummary>>
{
    public string? Status { get; init; }

    public long? PersonId { get; init; }

    public long? CircleId { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int? Page { get; init; }
}

public sealed class ListMessagesHandler(IOutboxStore outbox, ICurrentViewer viewer) : IQueryHandler<ListMessagesQuery, Page<MessageSummary>>
{
    public async ValueTask<Page<MessageSummary>> Handle(ListMessagesQuery query, CancellationToken cancellationToken)
    {
        var status = query.Status is not null && MessageStatuses.All.Contains(query.Status) ? query.Status : null;
        var filter = new MessageFilter(status, query.PersonId, query.CircleId, query.From, query.To);
        return await outbox.List(viewer.Current, filter, Paging.From(query.Page), cancellationToken);
    }
}

public sealed record GetMessageQuery(long MessageId) : IQuery<MessageDetails>;

public sealed class GetMessageHandler(IOutboxStore outbox, ICurrentViewer viewer) : IQueryHandler<GetMessageQuery, MessageDetails>
{
    public async ValueTask<MessageDetails> Handle(GetMessageQuery query, CancellationToken cancellationToken)
    {
        var message = await outbox.Find(viewer.Current, query.MessageId, cancellationToken) ?? throw new NotFoundException("message", query.MessageId);
        // A check-in reply link answers for the person, and staff must never be able to use it: it is shown spent.
        return message with { Body = CheckIns.CheckInReplyLinks.Mask(message.Body) };
    }
}

public sealed record ResendMessageCommand(long MessageId) : ICommand;

public sealed class ResendMessageHandler(IOutboxStore outbox, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<ResendMessageCommand>
{
    public async ValueTask<Unit> Handle(ResendMessageCommand command, CancellationToken cancellationToken)
    {
        var message = await outbox.Find(viewer.Current, command.MessageId, cancellationToken) ?? throw new NotFoundException("message", command.MessageId);
        if (message.Status != MessageStatuses.Failed)
        {
            throw ValidationException.For("", "Only a message that failed can be sent again");
        }

        if (!await outbox.Resend(command.MessageId, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken))
        {
            throw ValidationException.For("", "The message changed while you were looking at it: look again");
        }

        await audit.Record(new AuditEntry(AuditActions.MessageResent, "message", command.MessageId.ToString()), cancellationToken);
        return Unit.Value;
    }
}

public sealed record MessagingOverview(IReadOnlyList<StatusCount> Counts, JobRun? LastDispatch, JobRun? LastPlanning);

public sealed record GetMessagingOverviewQuery : IQuery<MessagingOverview>;

public sealed class GetMessagingOverviewHandler(IOutboxStore outbox, ISchedulerStore scheduler) : IQueryHandler<GetMessagingOverviewQuery, MessagingOverview>
{
    public const string DispatchJobId = "dispatch-messages";
    public const string PlanningJobId = "plan-messages";

    public async ValueTask<MessagingOverview> Handle(GetMessagingOverviewQuery query, CancellationToken cancellationToken)
    {
        var runs = await scheduler.ListRuns(cancellationToken);
        return new MessagingOverview(
            await outbox.CountByStatus(cancellationToken),
            runs.FirstOrDefault(r => r.JobId == DispatchJobId),
            runs.FirstOrDefault(r => r.JobId == PlanningJobId));
    }
}

/// <summary>Stops or restarts a person's messages on one channel, as staff record it.</summary>
public sealed record SetPersonOptOutCommand(long PersonId, string? Channel, bool OptOut) : ICommand;

public sealed class SetPersonOptOutHandler(IPeopleStore people, IOutboxStore outbox, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<SetPersonOptOutCommand>
{
    public async ValueTask<Unit> Handle(SetPersonOptOutCommand command, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<MessageChannel>(command.Channel, ignoreCase: false, out var channel) || !Enum.IsDefined(channel))
        {
            throw ValidationException.For("", "Choose email or text messages");
        }

        var person = await people.Find(viewer.Current, command.PersonId, cancellationToken) ?? throw new NotFoundException("person", command.PersonId);
        if (!command.OptOut && person.ConsentWithdrawnOn is not null)
        {
            throw ValidationException.For("", "They have withdrawn consent to us holding their details: record their consent again before starting messages");
        }

        var recipient = MessageRecipient.Person(command.PersonId);
        if (command.OptOut)
        {
            var stopped = await outbox.OptOut(recipient, channel, "Recorded by staff", viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
            await audit.Record(new AuditEntry(AuditActions.MessageOptOut, "person", command.PersonId.ToString(), $"{channel}; {stopped} waiting messages stopped"), cancellationToken);
        }
        else if (await outbox.OptIn(recipient, channel, cancellationToken))
        {
            await audit.Record(new AuditEntry(AuditActions.MessageOptIn, "person", command.PersonId.ToString(), channel.ToString()), cancellationToken);
        }

        return Unit.Value;
    }
}

public sealed record GetOptOutsQuery(long PersonId) : IQuery<IReadOnlyList<OptOut>>;

public sealed class GetOptOutsHandler(IOutboxStore outbox, PersonReach reach) : IQueryHandler<GetOptOutsQuery, IReadOnlyList<OptOut>>
{
    public async ValueTask<IReadOnlyList<OptOut>> Handle(GetOptOutsQuery query, CancellationToken cancellationToken)
    {
        // Asked once a request: the person page has just read the person within reach.
        await reach.Require(query.PersonId, cancellationToken);
        return await outbox.OptOuts(MessageRecipient.Person(query.PersonId), cancellationToken);
    }
}

/// <summary>Someone followed the unsubscribe link in an email. The web layer has already checked its signature.</summary>
public sealed record UnsubscribeCommand(MessageRecipient Recipient, MessageChannel Channel) : ICommand;

public sealed class UnsubscribeHandler(IOutboxStore outbox, IAuditLog audit, TimeProvider clock) : ICommandHandler<UnsubscribeCommand>
{
    public async ValueTask<Unit> Handle(UnsubscribeCommand command, CancellationToken cancellationToken)
    {
        var stopped = await outbox.OptOut(command.Recipient, command.Channel, "Unsubscribe link", null, clock.GetUtcNow(), cancellationToken);
        var (type, id) = command.Recipient.PersonId is { } p ? ("person", p) : ("user", command.Recipient.UserId!.Value);
        await audit.RecordAs(null, new AuditEntry(AuditActions.MessageOptOut, type, id.ToString(), $"{command.Channel} by unsubscribe link; {stopped} waiting messages stopped"), cancellationToken);
        return Unit.Value;
    }
}
