using Circles.Core.Messaging;
using Circles.Core.Privacy;
using Circles.Data.Messaging;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Privacy;

public sealed class ConsentStore(IDbConnectionFactory database) : IConsentStore
{
    public async Task Record(long personId, DateOnly givenOn, string method, long recordedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE people SET consent_given_on = @On, consent_method = @Method, consent_recorded_by = @By,
                consent_withdrawn_on = NULL, consent_withdrawn_by = NULL, consent_withdrawn_how = NULL
            WHERE id = @PersonId
            """,
            new { PersonId = personId, On = givenOn, Method = method, By = recordedBy },
            cancellationToken: cancellationToken));
    }

    public async Task<int> Withdraw(long personId, string how, long recordedBy, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE people SET consent_withdrawn_on = @Today, consent_withdrawn_by = @By, consent_withdrawn_how = @How WHERE id = @PersonId;
            UPDATE check_in_cadences SET paused_reason = @Paused, paused_on = @Today, updated_at = @At WHERE person_id = @PersonId AND paused_reason IS NULL;
            """,
            new { PersonId = personId, Today = today, By = recordedBy, How = how, Paused = ConsentRules.PausedBecause, At = at },
            transaction,
            cancellationToken: cancellationToken));
        var stopped = 0;
        foreach (var channel in Enum.GetValues<MessageChannel>())
        {
            stopped += await OutboxStore.OptOut(connection, transaction, MessageRecipient.Person(personId), channel,
                "Consent withdrawn", "Consent to hold their details withdrawn", recordedBy, at, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stopped;
    }
}
