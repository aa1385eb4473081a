using Circles.Core.Assets;
using Circles.Core.Settings;

namespace Circles.Tests.Core;

public sealed class AssetRulesTests
{
    [TestCase("MONTHLY", "TU", "2,4", 1, "10:00", "12:00", "2TU,4TU", "2nd and 4th Tuesday of the month, 10:00am to midday")]
    [TestCase("MONTHLY", "FR", "-1", 1, "19:30", null, "-1FR", "Last Friday of the month, from 7:30pm")]
    [TestCase("MONTHLY", "MO,WE", "1,3", 1, null, null, "1MO,3MO,1WE,3WE", "1st and 3rd Monday and 1st and 3rd Wednesday of the month")]
    [TestCase("WEEKLY", "TU,TH", "", 1, "09:00", "17:00", "TU,TH", "Every Tuesday and Thursday, 9:00am to 5:00pm")]
    [TestCase("WEEKLY", "WE", "", 2, null, null, "WE", "Every other Wednesday")]
    [TestCase("WEEKLY", "MO,WE,FR", "", 3, null, null, "MO,WE,FR", "Every 3 weeks on Monday, Wednesday and Friday")]
    public void A_pattern_chosen_on_the_form_is_stored_in_RFC_5545_terms_and_read_back_in_words(
        string freq, string days, string weeks, int interval, string? opens, string? closes, string byDay, string words)
    {
        var schedule = AssetSchedule.FromChoices(freq, days.Split(','), weeks.Split(',', StringSplitOptions.RemoveEmptyEntries), interval,
            opens is null ? null : TimeOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture),
            closes is null ? null : TimeOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(schedule.ByDay, Is.EqualTo(byDay));
        Assert.That(schedule.Problem(), Is.Null);
        Assert.That(schedule.Describe(), Is.EqualTo(words));
    }

    [TestCase("WEEKLY", "2TU", 1, "A weekly pattern has days only")]
    [TestCase("MONTHLY", "TU", 1, "Choose which weeks of the month")]
    [TestCase("MONTHLY", "5TU", 1, "Days must be written like TU")]
    [TestCase("DAILY", "TU", 1, "Choose every week or every month")]
    [TestCase("WEEKLY", "", 1, "Choose at least one day")]
    [TestCase("WEEKLY", "TU; DROP TABLE", 1, "Days must be written like TU")]
    [TestCase("WEEKLY", "TU", 13, "How many weeks apart")]
    [TestCase("MONTHLY", "2TU", 2, "A monthly pattern is every month")]
    public void A_pattern_that_is_not_real_says_why(string freq, string byDay, int interval, string problem) =>
        Assert.That(new AssetSchedule { Freq = freq, ByDay = byDay, Interval = interval }.Problem(), Does.StartWith(problem));

    [Test]
    public void Finishing_before_starting_is_refused()
    {
        var schedule = new AssetSchedule { Freq = AssetSchedule.Weekly, ByDay = "TU", OpensAt = new TimeOnly(12, 0), ClosesAt = new TimeOnly(10, 0) };
        Assert.That(schedule.Problem(), Does.StartWith("The finishing time must be after"));
    }

    [Test]
    public void Meeting_on_a_day_counts_any_week_of_the_month()
    {
        var schedule = new AssetSchedule { Freq = AssetSchedule.Monthly, ByDay = "2TU,-1FR" };
        Assert.That((schedule.MeetsOn("TU"), schedule.MeetsOn("FR"), schedule.MeetsOn("MO")), Is.EqualTo((true, true, false)));
    }

    [Test]
    public void Accessibility_is_stored_between_commas_in_list_order_and_unknown_features_are_dropped()
    {
        Assert.That(AccessibilityFeatures.Store(["quiet_space", "step_free", "teleport"]), Is.EqualTo(",step_free,quiet_space,"));
        Assert.That(AccessibilityFeatures.Read(",step_free,nonsense,quiet_space,"), Is.EqualTo(new[] { "step_free", "quiet_space" }));
        Assert.That(AccessibilityFeatures.Store([]), Is.EqualTo(","));
    }

    [TestCase("2026-11-24", 12, "2025-11-24")]
    [TestCase("2026-03-31", 1, "2026-02-28")]
    public void Stale_means_last_checked_before_the_same_day_that_many_months_ago(string today, int months, string before) =>
        Assert.That(StaleRule.CheckedBefore(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), months),
            Is.EqualTo(DateOnly.Parse(before, System.Globalization.CultureInfo.InvariantCulture)));

    [TestCase("https://tile.openstreetmap.org/{z}/{x}/{y}.png", null, "https://tile.openstreetmap.org")]
    [TestCase("https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png", null, "https://*.tiles.example.org:8443")]
    [TestCase("http://tile.openstreetmap.org/{z}/{x}/{y}.png", "Enter an https address", null)]
    [TestCase("https://tile.example.org/{z}/{x}.png", "The tile address must contain", null)]
    [TestCase("https://tile.example.org/{z}/{x}/{y}.png' onerror='x", "Enter an https address", null)]
    [TestCase("javascript:alert(1)//{z}/{x}/{y}", "Enter an https address", null)]
    public void Map_tile_addresses_must_be_https_templates_and_give_the_origin_the_page_may_load_images_from(string url, string? problem, string? origin)
    {
        Assert.That(MapTiles.Problem(url), problem is null ? Is.Null : Does.StartWith(problem));
        Assert.That(MapTiles.Origin(url), Is.EqualTo(origin));
    }

    [TestCase("www.example.org", "https://www.example.org/")]
    [TestCase("http://example.org/group", "http://example.org/group")]
    [TestCase("javascript:alert(1)", null)]
    [TestCase("ftp://example.org", null)]
    [TestCase("not a website", null)]
    public void Websites_are_http_addresses(string typed, string? stored) => Assert.That(AssetRules.Website(typed), Is.EqualTo(stored));
}
