using System.Security.Cryptography;
using System.Text;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Circles.Core.Settings;
using Mediator;

namespace Circles.Core.CheckIns;

public static class CheckInMethods
{
    public const string InPerson = "in_person";
    public const string Phone = "phone";
    public const string Video = "video";
    public const string TextReply = "text_reply";
    public const string LinkReply = "link_reply";

    /// <summary>The ways staff record a check-in; replies arrive on their own.</summary>
    public static IReadOnlyList<string> Recorded { get; } = [InPerson, Phone, Video];

    public static string Describe(string method) => method switch
    {
        InPerson => "In person",
        Phone => "Phone call",
        Video => "Video call",
        TextReply => "Replied to a text",
        LinkReply => "Answered through a link",
        _ => method,
    };
}

/// <summary>
/// The answers given at one check-in, as stored, and everything derived from them. Scores are never stored:
/// a change to a rule changes every past score the same way.
/// </summary>
public sealed record CheckInAnswers(IReadOnlyDictionary<string, string> Raw)
{
    public static IReadOnlyList<Question> AllQuestions { get; } =
        [OnsDirectQuestion.Question, .. Ucla3.Questions, .. Ons4.Questions, .. Swemwbs.Questions];

    public AnswerOption? OnsDirect => OnsDirectQuestion.Question.Find(Raw.GetValueOrDefault(OnsDirectQuestion.Question.Key));

    public int? UclaScore => Ucla3.Score(Raw);

    /// <summary>Each ONS4 question answered, with its own score and band: the four are never added together.</summary>
    public IReadOnlyList<(Question Question, int Score, WellbeingBand Band)> Ons4Scores =>
        Ons4.Questions.Select(q => (q, q.Find(Raw.GetValueOrDefault(q.Key))))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.q, x.Item2!.Score, Ons4.Band(x.q, x.Item2.Score)))
            .ToList();

    public int? Anxiety => Ons4.Anxiety.Find(Raw.GetValueOrDefault(Ons4.Anxiety.Key))?.Score;

    public int? SwemwbsRawScore => Swemwbs.RawScore(Raw);

    /// <summary>Why these answers need a person to follow them up, in plain words; empty when they do not.</summary>
    public IReadOnlyList<string> WorryingBecause(int uclaThreshold)
    {
        var reasons = new List<string>();
        if (OnsDirect is { } ons && OnsDirectQuestion.IsWorrying(ons.Value))
        {
            reasons.Add("Said they feel lonely often or always");
        }

        if (UclaScore is { } ucla && Ucla3.IsAtOrAboveThreshold(ucla, uclaThreshold))
        {
            reasons.Add($"UCLA loneliness score {ucla}, at or above {uclaThreshold}");
        }

        if (Anxiety is { } anxiety && Ons4.IsWorryingAnxiety(anxiety))
        {
            reasons.Add($"Anxiety yesterday {anxiety} out of 10");
        }

        return reasons;
    }

    /// <summary>The same answers always give the same fingerprint, whatever order they came in.</summary>
    public string Fingerprint()
    {
        var text = string.Join('&', Raw.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}

/// <summary>One check-in as read back, with its answers.</summary>
public sealed record CheckInRecord
{
    public long Id { get; init; }

    public DateTimeOffset TakenAt { get; init; }

    public string Method { get; init; } = "";

    public string? RecordedByName { get; init; }

    public CheckInAnswers Answers { get; init; } = new(new Dictionary<string, string>());
}

public sealed record NewCheckIn(long PersonId, DateTimeOffset TakenAt, string Method, long? RecordedBy, IReadOnlyDictionary<string, string> Answers, long? RequestId);

/// <summary>
/// Who may see answers and scores: the connector who holds the person's introduction or checks in with them,
/// coordinators for the person's area, and administrators. Anyone else is told there is nothing there.
/// </summary>
public static class AnswerAccess
{
    public static async Task Require(ICheckInStore checkIns, ICurrentViewer viewer, long personId, CancellationToken cancellationToken)
    {
        if (!viewer.Current.WorksWithPeople || !await checkIns.CanSeeAnswers(viewer.Current, personId, cancellationToken))
        {
            throw new NotFoundException("check-ins for person", personId);
        }
    }
}

/// <summary>A check-in recorded by a member of staff: the answers the person gave, to any of the standard measures.</summary>
public sealed record RecordCheckInCommand : ICommand<long>, IPersonForm
{
    public long PersonId { get; init; }

    public string? Method { get; init; }

    public string? OnDay { get; init; }

    public string? OnMonth { get; init; }

    public string? OnYear { get; init; }

    public string? Time { get; init; }

    /// <summary>Answers by question key, as the form posts them ("Answers[ons_lonely]").</summary>
    public Dictionary<string, string?> Answers { get; init; } = [];

    public static string FieldFor(Question question) => $"Answers[{question.Key}]";
}

public sealed class RecordCheckInValidator(TimeProvider clock) : Validator<RecordCheckInCommand>
{
    protected override void Rules(RecordCheckInCommand c, Failures failures)
    {
        if (c.Method is null || !CheckInMethods.Recorded.Contains(c.Method))
        {
            failures.Add("Method", "Choose how you checked in");
        }

        if (UkFormats.ReadDate(c.OnDay, c.OnMonth, c.OnYear, "Date of the check-in", out var on) is { } problem)
        {
            failures.Add("OnDay", problem);
        }
        else if (on > UkTime.Today(clock))
        {
            failures.Add("OnDay", "Date of the check-in must be today or in the past");
        }

        if (UkFormats.ReadTime(c.Time, "Time", out _) is { } timeProblem && !string.IsNullOrWhiteSpace(c.Time))
        {
            failures.Add("Time", timeProblem);
        }

        var given = c.Answers.Where(a => !string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, a => a.Value!);
        foreach (var (key, value) in given)
        {
            if (CheckInAnswers.AllQuestions.FirstOrDefault(q => q.Key == key) is not { } question)
            {
                failures.Add("", "The form asked a question Circles does not know. Go back to the person and start again.");
            }
            else if (question.Find(value.Trim()) is null)
            {
                failures.Add(RecordCheckInCommand.FieldFor(question), $"Choose one of the answers to “{question.Wording}”");
            }
        }

        // Scores that are sums need every question in their set; the ONS questions each stand alone.
        AllOrNone(Ucla3.Questions, "Answer all three UCLA questions, or none of them");
        AllOrNone(Swemwbs.Questions, "Answer all seven SWEMWBS statements, or none of them");
        if (given.Count == 0)
        {
            failures.Add(RecordCheckInCommand.FieldFor(OnsDirectQuestion.Question), "Answer at least one question. If you ask only one, ask “How often do you feel lonely?”");
        }

        void AllOrNone(IReadOnlyList<Question> questions, string message)
        {
            var answered = questions.Count(q => given.ContainsKey(q.Key));
            if (answered > 0 && answered < questions.Count)
            {
                failures.Add(RecordCheckInCommand.FieldFor(questions.First(q => !given.ContainsKey(q.Key))), message);
            }
        }
    }
}

public sealed class RecordCheckInHandler(ICheckInStore checkIns, ICurrentViewer viewer, ISettingsStore settings, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RecordCheckInCommand, long>
{
    public async ValueTask<long> Handle(RecordCheckInCommand c, CancellationToken cancellationToken)
    {
        await AnswerAccess.Require(checkIns, viewer, c.PersonId, cancellationToken);
        var organisation = GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
        if (organisation.SwemwbsLicence is null && Swemwbs.Questions.Any(q => !string.IsNullOrWhiteSpace(c.Answers.GetValueOrDefault(q.Key))))
        {
            throw ValidationException.For(RecordCheckInCommand.FieldFor(Swemwbs.Questions[0]), "SWEMWBS can be used once an administrator records your licence reference");
        }

        UkFormats.ReadDate(c.OnDay, c.OnMonth, c.OnYear, "", out var on);
        UkFormats.ReadTime(c.Time, "", out var time);
        var now = clock.GetUtcNow();
        var takenAt = on == UkTime.DateOfInstant(now) && time is null ? now : UkTime.ToUtc(on!.Value, time ?? new TimeOnly(12, 0)) ?? now;
        if (takenAt > now)
        {
            throw ValidationException.For("Time", "Time of the check-in must be in the past");
        }

        var answers = c.Answers.Where(a => !string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, a => a.Value!.Trim());
        var checkIn = new NewCheckIn(c.PersonId, takenAt, c.Method!, viewer.Current.UserId, answers, null);
        var id = await checkIns.Record(checkIn, FollowUpRules.ForAnswers(checkIn, organisation.UclaThreshold, now), now, cancellationToken);
        // The audit says that answers were recorded, never what they were.
        await audit.Record(new AuditEntry(AuditActions.CheckInRecorded, "person", c.PersonId.ToString(), $"Check-in {id}, {CheckInMethods.Describe(c.Method!).ToLowerInvariant()}"), cancellationToken);
        return id;
    }
}

/// <summary>A person's check-ins, newest first, for those who may see answers. Every look is audited.</summary>
public sealed record GetCheckInsQuery(long PersonId) : IQuery<PersonCheckIns>;

public sealed record PersonCheckIns(IReadOnlyList<CheckInRecord> CheckIns, int UclaThreshold)
{
    /// <summary>The ONS direct answers, oldest first, as the chart draws them.</summary>
    public IReadOnlyList<(DateTimeOffset TakenAt, AnswerOption Answer)> OnsTrend =>
        CheckIns.Where(c => c.Answers.OnsDirect is not null).OrderBy(c => c.TakenAt).Select(c => (c.TakenAt, c.Answers.OnsDirect!)).ToList();

    /// <summary>The UCLA scores, oldest first.</summary>
    public IReadOnlyList<(DateTimeOffset TakenAt, int Score)> UclaTrend =>
        CheckIns.Where(c => c.Answers.UclaScore is not null).OrderBy(c => c.TakenAt).Select(c => (c.TakenAt, c.Answers.UclaScore!.Value)).ToList();
}

public sealed class GetCheckInsHandler(ICheckInStore checkIns, ICurrentViewer viewer, ISettingsStore settings, IAuditLog audit)
    : IQueryHandler<GetCheckInsQuery, PersonCheckIns>
{
    public async ValueTask<PersonCheckIns> Handle(GetCheckInsQuery query, CancellationToken cancellationToken)
    {
        await AnswerAccess.Require(checkIns, viewer, query.PersonId, cancellationToken);
        var organisation = GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
        var history = await checkIns.History(query.PersonId, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CheckInsViewed, "person", query.PersonId.ToString(), $"{history.Count} check-ins"), cancellationToken);
        return new PersonCheckIns(history, organisation.UclaThreshold);
    }
}

/// <summary>Whether the viewer may see a person's check-in answers: the person page offers the link only then.</summary>
public sealed record CanSeeAnswersQuery(long PersonId) : IQuery<bool>;

public sealed class CanSeeAnswersHandler(ICheckInStore checkIns, ICurrentViewer viewer) : IQueryHandler<CanSeeAnswersQuery, bool>
{
    public async ValueTask<bool> Handle(CanSeeAnswersQuery query, CancellationToken cancellationToken) =>
        viewer.Current.WorksWithPeople && await checkIns.CanSeeAnswers(viewer.Current, query.PersonId, cancellationToken);
}
