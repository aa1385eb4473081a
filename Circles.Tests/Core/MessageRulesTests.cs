using Circles.Core.Messaging;
using Circles.Core.People;

namespace Circles.Tests.Core;

public sealed class MessageRulesTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [TestCase("2026-03-30T09:00:00Z", 48, "2026-03-28T10:00:00Z", TestName = "48 hours before 10am BST Monday is 10am GMT Saturday, across the spring change")]
    [TestCase("2026-10-26T10:00:00Z", 48, "2026-10-24T09:00:00Z", TestName = "48 hours before 10am GMT Monday is 10am BST Saturday, across the autumn change")]
    [TestCase("2026-03-29T09:00:00Z", 24, "2026-03-28T10:00:00Z", TestName = "A day before 10am on the spring change day is 10am the day before")]
    [TestCase("2026-03-30T09:00:00Z", 2, "2026-03-30T07:00:00Z", TestName = "Hours that are not whole days are elapsed time")]
    [TestCase("2026-03-30T01:30:00Z", 24, "2026-03-29T01:30:00Z", TestName = "A wall-clock time the clocks skip moves on an hour")]
    public void Reminders_before_a_meeting_keep_the_wall_clock_time_for_whole_days(string startsAt, int hours, string expected) =>
        Assert.That(ReminderTimes.Before(Utc(startsAt), hours), Is.EqualTo(Utc(expected)));

    [TestCase("2026-06-01T19:59:00Z", false, TestName = "8:59pm BST is before quiet hours")]
    [TestCase("2026-06-01T20:00:00Z", true, TestName = "9pm BST starts quiet hours")]
    [TestCase("2026-06-02T06:59:00Z", true, TestName = "7:59am BST is still quiet")]
    [TestCase("2026-06-02T07:00:00Z", false, TestName = "8am BST ends quiet hours")]
    [TestCase("2026-12-01T20:59:00Z", false, TestName = "8:59pm GMT is before quiet hours")]
    [TestCase("2026-12-01T21:00:00Z", true, TestName = "9pm GMT starts quiet hours")]
    [TestCase("2026-03-29T07:30:00Z", false, TestName = "8:30am BST on the spring change day is not quiet")]
    [TestCase("2026-10-25T07:30:00Z", true, TestName = "7:30am GMT on the autumn change day is quiet")]
    public void Quiet_hours_follow_the_London_clock(string instant, bool quiet) =>
        Assert.That(QuietHours.Default.Contains(Utc(instant)), Is.EqualTo(quiet));

    [TestCase("2026-06-01T21:30:00Z", "2026-06-02T07:00:00Z", TestName = "A text due at 10:30pm waits until 8am the next morning")]
    [TestCase("2026-06-02T05:00:00Z", "2026-06-02T07:00:00Z", TestName = "A text due at 6am waits until 8am")]
    [TestCase("2026-03-28T22:30:00Z", "2026-03-29T07:00:00Z", TestName = "A text waiting overnight into the spring change goes at 8am BST")]
    [TestCase("2026-10-24T21:30:00Z", "2026-10-25T08:00:00Z", TestName = "A text waiting overnight into the autumn change goes at 8am GMT")]
    [TestCase("2026-06-02T12:00:00Z", "2026-06-02T12:00:00Z", TestName = "A text due at 1pm goes at 1pm")]
    public void A_text_in_quiet_hours_waits_for_them_to_end(string due, string expected) =>
        Assert.That(QuietHours.Default.NextAllowed(Utc(due)), Is.EqualTo(Utc(expected)));

    [Test]
    public void No_quiet_hours_when_start_and_end_are_the_same() =>
        Assert.That(new QuietHours(TimeOnly.MinValue, TimeOnly.MinValue).Contains(Utc("2026-06-02T01:00:00Z")), Is.False);

    [Test]
    public void The_preferred_channel_is_used_when_it_works()
    {
        Assert.That(ChannelChoice.For(PreferredChannels.Email, "a@example.org", "07700 900123", []),
            Is.EqualTo(new ChannelChoice(MessageChannel.Email, "a@example.org", null)));
        Assert.That(ChannelChoice.For(PreferredChannels.Text, "a@example.org", "07700 900123", []),
            Is.EqualTo(new ChannelChoice(MessageChannel.Text, "07700 900123", null)));
    }

    [Test]
    public void The_other_written_channel_is_used_when_the_preferred_one_has_no_address()
    {
        Assert.That(ChannelChoice.For(PreferredChannels.Text, "a@example.org", null, []).Channel, Is.EqualTo(MessageChannel.Email));
        Assert.That(ChannelChoice.For(PreferredChannels.Text, "a@example.org", "0161 496 0000", []).Channel, Is.EqualTo(MessageChannel.Email), "a landline cannot get texts");
        Assert.That(ChannelChoice.For(PreferredChannels.Email, null, "+44 7700 900123", []).Channel, Is.EqualTo(MessageChannel.Text));
    }

    [Test]
    public void Nobody_is_messaged_on_a_channel_they_opted_out_of_or_against_their_preference()
    {
        var optedOut = ChannelChoice.For(PreferredChannels.Email, "a@example.org", "07700 900123", [MessageChannel.Email]);
        Assert.That(optedOut.CanSend, Is.False);
        Assert.That(optedOut.NotSentBecause, Is.EqualTo("Asked not to get emails"));
        Assert.That(ChannelChoice.For(PreferredChannels.Phone, "a@example.org", "07700 900123", []).NotSentBecause, Does.Contain("phone call"));
        Assert.That(ChannelChoice.For(PreferredChannels.None, "a@example.org", null, []).CanSend, Is.False);
        Assert.That(ChannelChoice.For(PreferredChannels.Email, null, "0161 496 0000", []).NotSentBecause, Does.StartWith("No way to reach them"));
    }

    [Test]
    public void Retries_back_off_and_level_out() =>
        Assert.That(Enumerable.Range(1, 7).Select(Backoff.After).Select(t => t.TotalMinutes), Is.EqualTo(new double[] { 1, 5, 15, 60, 240, 240, 240 }));
}
