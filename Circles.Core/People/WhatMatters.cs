using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.People;

/// <summary>The first conversation's answers, the one-page profile and the vision, in the person's own words.</summary>
public abstract record ProfileAnswers
{
    public string? DoMoreOf { get; init; }

    public string? HelpWith { get; init; }

    public string? UsedToEnjoy { get; init; }

    public string? LikeToChange { get; init; }

    public string? Wellbeing { get; init; }

    public string? Appreciate { get; init; }

    public string? Important { get; init; }

    public string? SupportMe { get; init; }

    public string? Vision { get; init; }
}

public sealed record PersonProfile : ProfileAnswers
{
    public long PersonId { get; init; }

    public string FullName { get; init; } = "";

    public DateTimeOffset? UpdatedAt { get; init; }

    public bool HasAnswers => new[] { DoMoreOf, HelpWith, UsedToEnjoy, LikeToChange, Wellbeing, Appreciate, Important, SupportMe, Vision }
        .Any(a => a is not null);
}

public static class WhatMattersPrompts
{
    public const string DoMoreOf = "What do you want to do more of?";
    public const string HelpWith = "What can we help with?";
    public const string UsedToEnjoy = "What did you enjoy that you don’t do any more?";
    public const string LikeToChange = "What’s not so good that you’d like to change?";
    public const string Wellbeing = "How can we help your wellbeing?";
    public const string Appreciate = "What people appreciate about me";
    public const string Important = "What’s important to me";
    public const string SupportMe = "How best to support me";
    public const string Vision = "A good life for me would be…";
}

public sealed record GetPersonProfileQuery(long PersonId) : IQuery<PersonProfile>;

public sealed class GetPersonProfileHandler(IPeopleStore people, ICurrentViewer viewer, IAuditLog audit) : IQueryHandler<GetPersonProfileQuery, PersonProfile>
{
    public async ValueTask<PersonProfile> Handle(GetPersonProfileQuery query, CancellationToken cancellationToken)
    {
        var profile = viewer.Current.WorksWithPeople ? await people.FindProfile(viewer.Current, query.PersonId, cancellationToken) : null;
        if (profile is null)
        {
            throw new NotFoundException("person", query.PersonId);
        }

        await audit.Record(new AuditEntry(AuditActions.PersonViewed, "person", query.PersonId.ToString(), "What matters and profile"), cancellationToken);
        return profile;
    }
}

public sealed record SavePersonProfileCommand : ProfileAnswers, ICommand
{
    public long PersonId { get; init; }
}

public sealed class SavePersonProfileValidator : Validator<SavePersonProfileCommand>
{
    protected override void Rules(SavePersonProfileCommand c, Failures failures)
    {
        failures.MaxLength("DoMoreOf", c.DoMoreOf, PersonRules.LongTextMaxLength, "The answer");
        failures.MaxLength("HelpWith", c.HelpWith, PersonRules.LongTextMaxLength, "The answer");
        failures.MaxLength("UsedToEnjoy", c.UsedToEnjoy, PersonRules.LongTextMaxLength, "The answer");
        failures.MaxLength("LikeToChange", c.LikeToChange, PersonRules.LongTextMaxLength, "The answer");
        failures.MaxLength("Wellbeing", c.Wellbeing, PersonRules.LongTextMaxLength, "The answer");
        failures.MaxLength("Appreciate", c.Appreciate, PersonRules.LongTextMaxLength, "The answer");
        failures.MaxLength("Important", c.Important, PersonRules.LongTextMaxLength, "The answer");
        failures.MaxLength("SupportMe", c.SupportMe, PersonRules.LongTextMaxLength, "The answer");
        failures.MaxLength("Vision", c.Vision, PersonRules.LongTextMaxLength, "The vision");
    }
}

public sealed class SavePersonProfileHandler(IPeopleStore people, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<SavePersonProfileCommand>
{
    public async ValueTask<Unit> Handle(SavePersonProfileCommand c, CancellationToken cancellationToken)
    {
        if (!viewer.Current.WorksWithPeople || !await people.InReach(viewer.Current, c.PersonId, cancellationToken))
        {
            throw new NotFoundException("person", c.PersonId);
        }

        var profile = new PersonProfile
        {
            PersonId = c.PersonId,
            DoMoreOf = Text.Clean(c.DoMoreOf),
            HelpWith = Text.Clean(c.HelpWith),
            UsedToEnjoy = Text.Clean(c.UsedToEnjoy),
            LikeToChange = Text.Clean(c.LikeToChange),
            Wellbeing = Text.Clean(c.Wellbeing),
            Appreciate = Text.Clean(c.Appreciate),
            Important = Text.Clean(c.Important),
            SupportMe = Text.Clean(c.SupportMe),
            Vision = Text.Clean(c.Vision),
        };
        await people.SaveProfile(profile, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(), "What matters and profile"), cancellationToken);
        return Unit.Value;
    }
}
