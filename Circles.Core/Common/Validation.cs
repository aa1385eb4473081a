namespace Circles.Core.Common;

/// <summary>One problem with one field of a form or message, phrased for the person filling it in.</summary>
public sealed record ValidationFailure(string Field, string Message);

public sealed class ValidationException(IReadOnlyList<ValidationFailure> failures)
    : Exception("The request was not valid: " + string.Join(", ", failures.Select(f => f.Field)))
{
    public IReadOnlyList<ValidationFailure> Failures { get; } = failures;

    public static ValidationException For(string field, string message) => new([new ValidationFailure(field, message)]);
}

/// <summary>
/// Checks a message before its handler runs. The validation pipeline step runs every validator
/// registered for the message and turns failures into a <see cref="ValidationException"/>.
/// </summary>
public interface IValidator<in TMessage>
{
    ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsync(TMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Base class for validators of plain field rules; override <see cref="Rules"/> and use the helpers.
/// Messages follow the GOV.UK pattern: say what is wrong and how to fix it.
/// </summary>
public abstract class Validator<TMessage> : IValidator<TMessage>
{
    public ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsync(TMessage message, CancellationToken cancellationToken)
    {
        var failures = new Failures();
        Rules(message, failures);
        return ValueTask.FromResult<IReadOnlyList<ValidationFailure>>(failures.List);
    }

    protected abstract void Rules(TMessage message, Failures failures);
}

public sealed class Failures
{
    internal List<ValidationFailure> List { get; } = [];

    public bool Any => List.Count > 0;

    public IReadOnlyList<ValidationFailure> All => List;

    public bool Has(string field) => List.Exists(f => f.Field == field);

    public void Add(string field, string message)
    {
        // One message per field, as the GOV.UK error pattern asks: the first problem found wins.
        if (!Has(field))
        {
            List.Add(new ValidationFailure(field, message));
        }
    }

    public void Required(string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, message);
        }
    }

    /// <summary>
    /// A date typed into the three GOV.UK boxes that must be given: the date, or null with the problem added to
    /// <paramref name="field"/> (the Day box, which the error summary links to).
    /// </summary>
    public DateOnly? RequiredDate(string field, string? day, string? month, string? year, string what, string whenMissing)
    {
        if (UkFormats.ReadDate(day, month, year, what, out var date) is { } problem)
        {
            Add(field, problem);
            return null;
        }

        if (date is null)
        {
            Add(field, whenMissing);
        }

        return date;
    }

    /// <summary>A required date that cannot be after <paramref name="today"/>.</summary>
    public DateOnly? PastDate(string field, string? day, string? month, string? year, string what, string whenMissing, string whenFuture, DateOnly today)
    {
        var date = RequiredDate(field, day, month, year, what, whenMissing);
        if (date > today)
        {
            Add(field, whenFuture);
            return null;
        }

        return date;
    }

    public void MaxLength(string field, string? value, int max, string what)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"{what} must be {max} characters or fewer");
        }
    }

    public void Email(string field, string? value, string message)
    {
        if (!string.IsNullOrWhiteSpace(value) && !EmailAddress.IsPlausible(value))
        {
            Add(field, message);
        }
    }
}
