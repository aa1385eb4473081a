namespace Circles.Core.CheckIns;

/// <summary>One answer a person can give, as stored (<see cref="Value"/>) and as read out (<see cref="Wording"/>).</summary>
public sealed record AnswerOption(string Value, string Wording, int Score);

/// <summary>A question with the exact standard wording, and the answers allowed.</summary>
public sealed record Question(string Key, string Wording, IReadOnlyList<AnswerOption> Options)
{
    public AnswerOption? Find(string? value) => Options.FirstOrDefault(o => o.Value == value);

    /// <summary>The sum of the answers' scores, or null unless every question has an allowed answer.</summary>
    public static int? Sum(IEnumerable<Question> questions, IReadOnlyDictionary<string, string> answers)
    {
        var total = 0;
        foreach (var question in questions)
        {
            if (question.Find(answers.GetValueOrDefault(question.Key)) is not { } option)
            {
                return null;
            }

            total += option.Score;
        }

        return total;
    }
}

/// <summary>
/// The ONS direct question: "How often do you feel lonely?". If only one question is asked, it is this one.
/// Raw answers are stored; everything here is derived from them.
/// </summary>
public static class OnsDirectQuestion
{
    public const string OftenOrAlways = "often_always";
    public const string SomeOfTheTime = "some_of_the_time";
    public const string Occasionally = "occasionally";
    public const string HardlyEver = "hardly_ever";
    public const string Never = "never";

    // Scores run the way the answers are read out: 1 is the loneliest, so the chart's "down" is "lonelier".
    public static Question Question { get; } = new("ons_lonely", "How often do you feel lonely?",
    [
        new(OftenOrAlways, "Often/always", 1),
        new(SomeOfTheTime, "Some of the time", 2),
        new(Occasionally, "Occasionally", 3),
        new(HardlyEver, "Hardly ever", 4),
        new(Never, "Never", 5),
    ]);

    /// <summary>Often or always lonely: a connector should follow it up.</summary>
    public static bool IsWorrying(string answer) => answer == OftenOrAlways;

    /// <summary>The answer a reply by text ("1" to "5") stands for, in the order they are read out.</summary>
    public static string? FromReply(string? reply) =>
        int.TryParse(reply?.Trim(), out var n) && n is >= 1 and <= 5 ? Question.Options[n - 1].Value : null;
}

/// <summary>The UCLA 3-item loneliness scale, as harmonised by ONS. Score = sum, 3–9, higher is lonelier.</summary>
public static class Ucla3
{
    public const string LeadIn =
        "The next four questions are about relationships with others. For each one, please say how often (if at all) you feel that way.";

    public const int MinimumScore = 3;
    public const int MaximumScore = 9;

    /// <summary>There is no official cut-off: this is the organisation's default, and raw scores are always shown.</summary>
    public const int DefaultThreshold = 6;

    private static readonly AnswerOption[] Options =
    [
        new("hardly_ever_or_never", "Hardly ever or never", 1),
        new("some_of_the_time", "Some of the time", 2),
        new("often", "Often", 3),
    ];

    public static IReadOnlyList<Question> Questions { get; } =
    [
        new("ucla_companionship", "How often do you feel that you lack companionship?", Options),
        new("ucla_left_out", "How often do you feel left out?", Options),
        new("ucla_isolated", "How often do you feel isolated from others?", Options),
    ];

    /// <summary>The score, or null unless all three are answered with allowed answers.</summary>
    public static int? Score(IReadOnlyDictionary<string, string> answers) => Question.Sum(Questions, answers);

    public static bool IsAtOrAboveThreshold(int score, int threshold) => score >= threshold;
}

public enum WellbeingBand
{
    VeryLow,
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>
/// ONS4 personal wellbeing: four questions answered 0–10. Each is scored and banded on its own, with ONS's
/// bands; they are never added together.
/// </summary>
public static class Ons4
{
    public const string LeadIn = "Next I would like to ask you four questions about your feelings on aspects of your life. For each of these questions I’d like you to give an answer on a scale of 0 to 10, where 0 is “not at all” and 10 is “completely”.";

    public static Question LifeSatisfaction { get; } = Scale("ons4_life_satisfaction", "Overall, how satisfied are you with your life nowadays?");

    public static Question Worthwhile { get; } = Scale("ons4_worthwhile", "Overall, to what extent do you feel that the things you do in your life are worthwhile?");

    public static Question Happiness { get; } = Scale("ons4_happiness", "Overall, how happy did you feel yesterday?");

    public static Question Anxiety { get; } = Scale("ons4_anxiety", "On a scale where 0 is “not at all anxious” and 10 is “completely anxious”, overall, how anxious did you feel yesterday?");

    public static IReadOnlyList<Question> Questions { get; } = [LifeSatisfaction, Worthwhile, Happiness, Anxiety];

    /// <summary>Life satisfaction, worthwhile and happiness: 0–4 low, 5–6 medium, 7–8 high, 9–10 very high.</summary>
    public static WellbeingBand PositiveBand(int score) => score switch
    {
        < 0 or > 10 => throw new ArgumentOutOfRangeException(nameof(score), score, "ONS4 answers are 0 to 10"),
        <= 4 => WellbeingBand.Low,
        <= 6 => WellbeingBand.Medium,
        <= 8 => WellbeingBand.High,
        _ => WellbeingBand.VeryHigh,
    };

    /// <summary>Anxiety: 0–1 very low, 2–3 low, 4–5 medium, 6–10 high.</summary>
    public static WellbeingBand AnxietyBand(int score) => score switch
    {
        < 0 or > 10 => throw new ArgumentOutOfRangeException(nameof(score), score, "ONS4 answers are 0 to 10"),
        <= 1 => WellbeingBand.VeryLow,
        <= 3 => WellbeingBand.Low,
        <= 5 => WellbeingBand.Medium,
        _ => WellbeingBand.High,
    };

    public static WellbeingBand Band(Question question, int score) => question.Key == Anxiety.Key ? AnxietyBand(score) : PositiveBand(score);

    /// <summary>A short name for a table heading; the question itself is always asked in full.</summary>
    public static string ShortName(Question question) => question.Key switch
    {
        "ons4_life_satisfaction" => "Life satisfaction",
        "ons4_worthwhile" => "Worthwhile",
        "ons4_happiness" => "Happiness",
        "ons4_anxiety" => "Anxiety",
        _ => question.Key,
    };

    public static string DescribeBand(WellbeingBand band) => band switch
    {
        WellbeingBand.VeryLow => "Very low",
        WellbeingBand.Low => "Low",
        WellbeingBand.Medium => "Medium",
        WellbeingBand.High => "High",
        _ => "Very high",
    };

    /// <summary>Anxiety of 6 to 10 is followed up by a connector.</summary>
    public static bool IsWorryingAnxiety(int score) => AnxietyBand(score) == WellbeingBand.High;

    private static Question Scale(string key, string wording) =>
        new(key, wording, Enumerable.Range(0, 11).Select(n => new AnswerOption(n.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture), n)).ToList());
}

/// <summary>
/// The Short Warwick-Edinburgh Mental Wellbeing Scale. Licensed: only offered once an administrator records the
/// organisation's licence reference, and its copyright line goes wherever it appears. Raw score 7–35.
/// </summary>
public static class Swemwbs
{
    public const string Copyright = "Short Warwick-Edinburgh Mental Well-being Scale (SWEMWBS) © University of Warwick, 2006, all rights reserved.";

    public const string LeadIn = "Below are some statements about feelings and thoughts. Please choose the answer that best describes your experience of each over the last 2 weeks.";

    private static readonly AnswerOption[] Options =
    [
        new("1", "None of the time", 1),
        new("2", "Rarely", 2),
        new("3", "Some of the time", 3),
        new("4", "Often", 4),
        new("5", "All of the time", 5),
    ];

    public static IReadOnlyList<Question> Questions { get; } =
    [
        new("swemwbs_optimistic", "I’ve been feeling optimistic about the future", Options),
        new("swemwbs_useful", "I’ve been feeling useful", Options),
        new("swemwbs_relaxed", "I’ve been feeling relaxed", Options),
        new("swemwbs_problems", "I’ve been dealing with problems well", Options),
        new("swemwbs_clearly", "I’ve been thinking clearly", Options),
        new("swemwbs_close", "I’ve been feeling close to other people", Options),
        new("swemwbs_own_mind", "I’ve been able to make up my own mind about things", Options),
    ];

    public static int? RawScore(IReadOnlyDictionary<string, string> answers) => Question.Sum(Questions, answers);
}
