using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Circles.Core.Common;

namespace Circles.Web.Pipeline;

/// <summary>
/// Logs each message's type, the ids it carries and how long it took. Never the payload: messages
/// carry names, contact details and notes, and logs must not. Commands (changes) are logged at Information;
/// queries only at Debug, because a page runs a dozen of them and its request event already has its time.
/// </summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> log)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var level = message is IBaseQuery ? LogLevel.Debug : LogLevel.Information;
            // Reading the ids is reflection: skip it when the level is off, as it is for queries in production.
            if (log.IsEnabled(level))
            {
                log.Log(
                    level,
                    "Handled {MessageType} {MessageIds} in {ElapsedMs:0.0} ms",
                    typeof(TMessage).Name, MessageIds.Of(message), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (ValidationException invalid)
        {
            log.LogInformation(
                "{MessageType} {MessageIds} was not valid ({Fields}) after {ElapsedMs:0.0} ms",
                typeof(TMessage).Name, MessageIds.Of(message), invalid.Failures.Select(f => f.Field).ToArray(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (NotFoundException)
        {
            log.LogInformation("{MessageType} {MessageIds} found nothing", typeof(TMessage).Name, MessageIds.Of(message));
            throw;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            log.LogError(
                "{MessageType} {MessageIds} failed with {ExceptionType} after {ElapsedMs:0.0} ms",
                typeof(TMessage).Name, MessageIds.Of(message), failure.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

/// <summary>Reads the id properties (…Id of a number or Guid type) of a message for logging.</summary>
public static class MessageIds
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> IdProperties = new();

    public static IReadOnlyDictionary<string, object?> Of(object message)
    {
        var properties = IdProperties.GetOrAdd(message.GetType(), type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name.EndsWith("Id", StringComparison.Ordinal) && IsIdType(p.PropertyType))
            .ToArray());
        var ids = new Dictionary<string, object?>(properties.Length);
        foreach (var property in properties)
        {
            ids[property.Name] = property.GetValue(message);
        }

        return ids;
    }

    private static bool IsIdType(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(long) || underlying == typeof(int) || underlying == typeof(Guid);
    }
}
