using Circles.Core.Common;
using Circles.Core.Messaging;

namespace Circles.Core.Assets;

/// <summary>
/// On the first of each month at 9am London time, each coordinator with stale assets in their areas is emailed
/// how many, through the outbox. The key names the month, so a digest is sent once however often the planner runs.
/// </summary>
public sealed class StaleAssetDigestSource(IAssetStore assets) : IScheduledMessageSource
{
    public async Task<IReadOnlyList<OutboxMessage>> MessagesDue(DateTimeOffset from, DateTimeOffset to, MessagePlan plan, CancellationToken cancellationToken)
    {
        var messages = new List<OutboxMessage>();
        for (var day = UkTime.DateOfInstant(from); day <= UkTime.DateOfInstant(to); day = day.AddDays(1))
        {
            var sendAt = ReminderTimes.DailyAt(day);
            if (day.Day != 1 || sendAt < from || sendAt > to)
            {
                continue;
            }

            foreach (var digest in await assets.StaleByCoordinator(StaleRule.CheckedBefore(day, plan.Settings.AssetStaleMonths), cancellationToken))
            {
                messages.Add(plan.StaleAssetDigest(digest, day));
            }
        }

        return messages;
    }
}
