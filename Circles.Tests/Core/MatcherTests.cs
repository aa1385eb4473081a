using Circles.Core.Matching;

namespace Circles.Tests.Core;

public sealed class MatcherTests
{
    private static readonly Location Home = new(51.5014, -0.1419);

    private static Candidate Volunteer(long id, string name, string[] interests, Location? where = null, params string[] free) =>
        new(id, name, interests.ToHashSet(StringComparer.OrdinalIgnoreCase), where, free.ToHashSet());

    [Test]
    public void Distances_are_straight_line_kilometres()
    {
        // About 0.01 degrees of latitude is 1.11 km anywhere.
        Assert.That(Home.KilometresTo(new Location(51.5114, -0.1419)), Is.EqualTo(1.11).Within(0.01));
        Assert.That(Home.KilometresTo(Home), Is.Zero);
    }

    [Test]
    public void Shared_interests_nearness_and_being_free_when_the_circle_meets_all_count_and_are_explained()
    {
        var need = new Need(new HashSet<string>(["Gardening", "Rugby"], StringComparer.OrdinalIgnoreCase), Home, new HashSet<string> { "tue-pm" });
        var near = Volunteer(1, "Near gardener", ["gardening"], new Location(51.5064, -0.1419), "tue-pm");
        var far = Volunteer(2, "Far gardener", ["GARDENING", "rugby"], new Location(52.5, -0.14));
        var unknown = Volunteer(3, "No details", []);
        var ranked = Matcher.Rank(need, [unknown, far, near]);
        Assert.Multiple(() =>
        {
            Assert.That(ranked.Select(s => s.Candidate.Name), Is.EqualTo(new[] { "Near gardener", "Far gardener", "No details" }));
            Assert.That(ranked[0].Reasons, Does.Contain("Shares an interest: gardening"));
            Assert.That(ranked[0].Reasons, Does.Contain("Lives about 0.6 km away: walking distance"));
            Assert.That(ranked[0].Reasons, Does.Contain("Free when the circle meets: Tuesday afternoon"));
            Assert.That(ranked[1].Reasons, Does.Contain("Shares 2 interests: GARDENING, rugby"));
            Assert.That(ranked[2].Reasons, Does.Contain("Distance not known: a postcode is missing or not in the postcode list"));
            Assert.That(ranked[2].Reasons, Does.Contain("Has not said when they are free"));
        });
    }

    [Test]
    public void At_most_five_are_suggested_and_ties_go_to_the_nearest_then_by_name()
    {
        var need = new Need(new HashSet<string>(), Home, new HashSet<string>());
        var candidates = Enumerable.Range(1, 8).Select(i => Volunteer(i, $"V{9 - i}", [], new Location(51.5014 + (i * 0.001), -0.1419))).ToList();
        var ranked = Matcher.Rank(need, candidates);
        Assert.That(ranked.Select(s => s.Candidate.Id), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
    }

    [TestCase("2027-01-12T14:30:00", "tue-pm")]
    [TestCase("2027-01-17T09:00:00", "sun-am")]
    [TestCase("2027-01-18T18:00:00", "mon-eve")]
    public void A_time_falls_in_a_slot(string when, string slot) =>
        Assert.That(Availability.SlotOf(DateTime.Parse(when, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(slot));
}
