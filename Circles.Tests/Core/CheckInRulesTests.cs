using Circles.Core.CheckIns;

namespace Circles.Tests.Core;

public sealed class CheckInRulesTests
{
    private static readonly string[] UclaValues = ["hardly_ever_or_never", "some_of_the_time", "often"];

    [Test]
    public void Every_ucla_answer_combination_scores_the_sum_of_its_items()
    {
        var checkedCount = 0;
        for (var a = 0; a < 3; a++)
        for (var b = 0; b < 3; b++)
        for (var c = 0; c < 3; c++)
        {
            var answers = new Dictionary<string, string>
            {
                ["ucla_companionship"] = UclaValues[a], ["ucla_left_out"] = UclaValues[b], ["ucla_isolated"] = UclaValues[c],
            };
            var expected = a + b + c + 3;
            Assert.That(Ucla3.Score(answers), Is.EqualTo(expected), string.Join(",", answers.Values));
            Assert.That(Ucla3.IsAtOrAboveThreshold(expected, 6), Is.EqualTo(expected >= 6));
            checkedCount++;
        }

        Assert.That(checkedCount, Is.EqualTo(27));
    }

    [Test]
    public void A_ucla_score_needs_all_three_allowed_answers()
    {
        Assert.That(Ucla3.Score(new Dictionary<string, string> { ["ucla_companionship"] = "often", ["ucla_left_out"] = "often" }), Is.Null);
        Assert.That(Ucla3.Score(new Dictionary<string, string> { ["ucla_companionship"] = "often", ["ucla_left_out"] = "often", ["ucla_isolated"] = "always" }), Is.Null);
    }

    [Test]
    public void The_ucla_questions_use_the_ons_wording() =>
        Assert.That(Ucla3.Questions.Select(q => q.Wording), Is.EqualTo(new[]
        {
            "How often do you feel that you lack companionship?", "How often do you feel left out?", "How often do you feel isolated from others?",
        }));

    [TestCase("often_always", "Often/always", true)]
    [TestCase("some_of_the_time", "Some of the time", false)]
    [TestCase("occasionally", "Occasionally", false)]
    [TestCase("hardly_ever", "Hardly ever", false)]
    [TestCase("never", "Never", false)]
    public void Every_ons_direct_answer_has_its_wording_and_only_often_always_is_worrying(string value, string wording, bool worrying)
    {
        Assert.That(OnsDirectQuestion.Question.Find(value)!.Wording, Is.EqualTo(wording));
        Assert.That(OnsDirectQuestion.IsWorrying(value), Is.EqualTo(worrying));
        Assert.That(OnsDirectQuestion.Question.Wording, Is.EqualTo("How often do you feel lonely?"));
    }

    [TestCase("1", "often_always")]
    [TestCase(" 5 ", "never")]
    [TestCase("3", "occasionally")]
    [TestCase("0", null)]
    [TestCase("6", null)]
    [TestCase("often", null)]
    [TestCase("", null)]
    public void A_reply_by_number_stands_for_the_answer_read_out_in_that_place(string reply, string? expected) =>
        Assert.That(OnsDirectQuestion.FromReply(reply), Is.EqualTo(expected));

    [Test]
    public void Every_ons4_answer_is_banded_on_its_own_scale()
    {
        var positive = new[] { "Low", "Low", "Low", "Low", "Low", "Medium", "Medium", "High", "High", "VeryHigh", "VeryHigh" };
        var anxiety = new[] { "VeryLow", "VeryLow", "Low", "Low", "Medium", "Medium", "High", "High", "High", "High", "High" };
        for (var score = 0; score <= 10; score++)
        {
            foreach (var question in new[] { Ons4.LifeSatisfaction, Ons4.Worthwhile, Ons4.Happiness })
            {
                Assert.That(Ons4.Band(question, score).ToString(), Is.EqualTo(positive[score]), $"{question.Key} {score}");
            }

            Assert.That(Ons4.Band(Ons4.Anxiety, score).ToString(), Is.EqualTo(anxiety[score]), $"anxiety {score}");
            Assert.That(Ons4.IsWorryingAnxiety(score), Is.EqualTo(score >= 6));
        }

        Assert.That(() => Ons4.PositiveBand(11), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Ons4.AnxietyBand(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Every_swemwbs_answer_combination_scores_its_raw_sum()
    {
        var keys = Swemwbs.Questions.Select(q => q.Key).ToArray();
        var combinations = 0;
        var answers = new Dictionary<string, string>();
        for (var n = 0; n < 78_125; n++)
        {
            var rest = n;
            var expected = 0;
            foreach (var key in keys)
            {
                var value = (rest % 5) + 1;
                rest /= 5;
                answers[key] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                expected += value;
            }

            Assert.That(Swemwbs.RawScore(answers), Is.EqualTo(expected));
            combinations++;
        }

        Assert.That(combinations, Is.EqualTo(78_125));
        Assert.That(Swemwbs.Copyright, Does.Contain("University of Warwick"));
    }

    [Test]
    public void A_person_phoned_on_day_10_of_a_14_28_cadence_is_on_time_on_day_14_and_due_on_day_24()
    {
        var start = new DateOnly(2026, 6, 1);
        var cadence = new Cadence(14, 28);
        var phoned = start.AddDays(10);
        Assert.That(CheckInCadence.StateOn(start.AddDays(14), start, phoned, cadence, paused: false), Is.EqualTo(ContactState.OnTime));
        Assert.That(CheckInCadence.StateOn(start.AddDays(23), start, phoned, cadence, paused: false), Is.EqualTo(ContactState.OnTime));
        Assert.That(CheckInCadence.StateOn(start.AddDays(24), start, phoned, cadence, paused: false), Is.EqualTo(ContactState.Due));
        Assert.That(CheckInCadence.StateOn(start.AddDays(37), start, phoned, cadence, paused: false), Is.EqualTo(ContactState.Due));
        Assert.That(CheckInCadence.StateOn(start.AddDays(38), start, phoned, cadence, paused: false), Is.EqualTo(ContactState.Overdue));
        Assert.That(CheckInCadence.DueOn(start, phoned, cadence), Is.EqualTo(start.AddDays(24)));
        Assert.That(CheckInCadence.OverdueOn(start, phoned, cadence), Is.EqualTo(start.AddDays(38)));
    }

    [Test]
    public void Without_any_contact_the_clock_runs_from_when_the_cadence_began_and_pausing_stops_it()
    {
        var start = new DateOnly(2026, 6, 1);
        Assert.That(CheckInCadence.StateOn(start.AddDays(13), start, null, Cadence.Default, paused: false), Is.EqualTo(ContactState.OnTime));
        Assert.That(CheckInCadence.StateOn(start.AddDays(14), start, null, Cadence.Default, paused: false), Is.EqualTo(ContactState.Due));
        Assert.That(CheckInCadence.StateOn(start.AddDays(28), start, start.AddDays(-5), Cadence.Default, paused: false), Is.EqualTo(ContactState.Overdue),
            "a contact before the cadence began does not count twice");
        Assert.That(CheckInCadence.StateOn(start.AddDays(90), start, null, Cadence.Default, paused: true), Is.EqualTo(ContactState.Paused));
    }

    [TestCase(14, 28, null)]
    [TestCase(0, 28, "Enter how often")]
    [TestCase(14, 400, "Enter the longest gap")]
    [TestCase(28, 14, "at least as long")]
    public void A_cadence_must_make_sense(int ideal, int maximum, string? problem)
    {
        if (problem is null)
        {
            Assert.That(Cadence.Problem(ideal, maximum), Is.Null);
        }
        else
        {
            Assert.That(Cadence.Problem(ideal, maximum), Does.Contain(problem));
        }
    }

    [TestCase("2026-06-01", "2026-06-02")] // Monday → Tuesday
    [TestCase("2026-06-05", "2026-06-08")] // Friday → Monday
    [TestCase("2026-06-06", "2026-06-08")] // Saturday → Monday
    [TestCase("2026-06-07", "2026-06-08")] // Sunday → Monday
    public void A_follow_up_is_due_the_next_working_day(string raised, string due) =>
        Assert.That(FollowUpRules.NextWorkingDay(DateOnly.Parse(raised, System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture)));

    [Test]
    public void Worrying_answers_are_often_always_a_ucla_score_at_the_threshold_or_anxiety_of_6_to_10()
    {
        static IReadOnlyList<string> Why(int threshold, params (string, string)[] answers) =>
            new CheckInAnswers(answers.ToDictionary(a => a.Item1, a => a.Item2)).WorryingBecause(threshold);

        Assert.That(Why(6, ("ons_lonely", "often_always")), Has.Count.EqualTo(1));
        Assert.That(Why(6, ("ons_lonely", "some_of_the_time")), Is.Empty);
        var six = new[] { ("ucla_companionship", "some_of_the_time"), ("ucla_left_out", "some_of_the_time"), ("ucla_isolated", "some_of_the_time") };
        Assert.That(Why(6, six), Is.EqualTo(new[] { "UCLA loneliness score 6, at or above 6" }));
        Assert.That(Why(7, six), Is.Empty, "the threshold is the organisation's");
        for (var anxiety = 0; anxiety <= 10; anxiety++)
        {
            var text = anxiety.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(Why(6, ("ons4_anxiety", text)), anxiety >= 6 ? Has.Count.EqualTo(1) : Is.Empty, text);
            Assert.That(Why(6, ("ons4_happiness", text)), Is.Empty, "only anxiety is followed up among the four");
        }
    }

    [Test]
    public void The_same_answers_always_give_the_same_fingerprint_and_different_answers_a_different_one()
    {
        var one = new CheckInAnswers(new Dictionary<string, string> { ["ons_lonely"] = "often_always", ["ons4_anxiety"] = "7" });
        var sameInAnotherOrder = new CheckInAnswers(new Dictionary<string, string> { ["ons4_anxiety"] = "7", ["ons_lonely"] = "often_always" });
        var other = new CheckInAnswers(new Dictionary<string, string> { ["ons_lonely"] = "often_always", ["ons4_anxiety"] = "8" });
        Assert.That(one.Fingerprint(), Is.EqualTo(sameInAnotherOrder.Fingerprint()));
        Assert.That(one.Fingerprint(), Is.Not.EqualTo(other.Fingerprint()));
    }

    [Test]
    public void Area_bands_count_each_person_once_at_first_and_once_at_latest()
    {
        var bands = AreaLonelinessBands.Count(1, "Eastfield",
        [
            new() { PersonId = 1, First = "often_always", Latest = "occasionally" },
            new() { PersonId = 2, First = "often_always", Latest = "often_always" },
            new() { PersonId = 3, First = "never", Latest = "never" },
            new() { PersonId = 4, First = "some_of_the_time", Latest = "hardly_ever" },
        ]);
        Assert.That(bands.Rows.Select(r => (r.Answer.Value, r.AtFirst, r.AtLatest)), Is.EqualTo(new[]
        {
            ("often_always", 2, 1), ("some_of_the_time", 1, 0), ("occasionally", 0, 1), ("hardly_ever", 0, 1), ("never", 1, 1),
        }));
        Assert.That(bands.Rows[0].ShareAtFirst, Is.EqualTo(50m));
        Assert.That(AreaLonelinessBands.Count(1, "Empty", []).Rows.All(r => r.ShareAtFirst == 0), Is.True);
    }
}
