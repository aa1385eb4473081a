using Circles.Core.Common;

namespace Circles.Web.Pipeline;

/// <summary>Runs every validator registered for a message; any failure stops it before its handler.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var found = await validator.ValidateAsync(message, cancellationToken);
            if (found.Count > 0)
            {
                (failures ??= []).AddRange(found.Where(f => failures.TrueForAll(existing => existing.Field != f.Field)));
            }
        }

        if (failures is { Count: > 0 })
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}
