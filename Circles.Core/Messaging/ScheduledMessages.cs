using Circles.Core.Circles;
using Mediator;

namespace Circles.Core.Messaging;

/// <summary>
/// A kind of message that falls due with time rather than with a change someone makes (actions due, check-ins
/// due, DBS re-checks, digests). The planning job asks every registered source for the messages whose time falls
/// in a window and adds them to the outbox; dedupe keys make asking twice harmless, so a window may overlap the
/// last. To add a kind: write a class implementing this, register it in DI, add its template to
/// <see cref="MessageTemplates"/>. The dispatcher does not change. See docs/decisions/0008.
/// </summary>
public interface IScheduledMessageSource
{
    Task<IReadOnlyList<OutboxMessage>> MessagesDue(DateTimeOffset from, DateTimeOffset to, MessagePlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// The source types this source owns. When set, its waiting messages due in the window that it no longer asks
    /// for are cancelled (a contact moved a check-in on); when empty, messages are only ever added.
    /// </summary>
    IReadOnlyList<string> Owns => [];
}

public sealed record PlanScheduledMessagesCommand : ICommand<int>;

public sealed class PlanScheduledMessagesHandler(IEnumerable<IScheduledMessageSource> sources, IOutboxStore outbox, MessagePlanner planner)
    : ICommandHandler<PlanScheduledMessagesCommand, int>
{
    /// <summary>How far back a run looks, so messages still go after the scheduler was down for a while.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromHours(12);

    /// <summary>How far ahead a run looks: messages are in the outbox, and visible, before they are due.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(1);

    public async ValueTask<int> Handle(PlanScheduledMessagesCommand command, CancellationToken cancellationToken)
    {
        var plan = await planner.Prepare(cancellationToken);
        var count = 0;
        foreach (var source in sources)
        {
            var (from, to) = (plan.Now - CatchUp, plan.Now + Horizon);
            var messages = await source.MessagesDue(from, to, plan, cancellationToken);
            if (source.Owns.Count > 0)
            {
                await outbox.ReplaceScheduled(source.Owns, from, to, messages, plan.Now, cancellationToken);
            }
            else
            {
                await outbox.Enqueue(messages, plan.Now, cancellationToken);
            }

            count += messages.Count;
        }

        return count;
    }
}

/// <summary>Action reminders: due soon (two days before, 9am) and overdue (the day after, 9am).</summary>
public sealed class ActionReminderSource(ICircleStore circles) : IScheduledMessageSource
{
    public async Task<IReadOnlyList<OutboxMessage>> MessagesDue(DateTimeOffset from, DateTimeOffset to, MessagePlan plan, CancellationToken cancellationToken)
    {
        var firstDay = Common.UkTime.DateOfInstant(from);
        var lastDay = Common.UkTime.DateOfInstant(to);
        // A reminder sent on day D is for an action due on D + 2 (due soon) or D - 1 (overdue).
        var actions = await circles.ActionsForReminders(firstDay.AddDays(-1), lastDay.AddDays(2), cancellationToken);
        return actions.SelectMany(plan.ActionReminders).Where(m => m.DueAt >= from && m.DueAt <= to).ToList();
    }
}
