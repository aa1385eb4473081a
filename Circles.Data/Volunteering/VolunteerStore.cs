using Circles.Core.Matching;
using Circles.Core.Messaging;
using Circles.Core.Volunteering;
using Circles.Data.Messaging;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Volunteering;

public sealed class VolunteerStore(IDbConnectionFactory database) : IVolunteerStore
{
    public async Task<bool> Apply(NewApplication application, OutboxMessage confirmation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO volunteers (full_name, email, phone, postcode, interests, availability, motivation, area_id, opportunity_id, status, dedupe_key, applied_at, updated_at)
            VALUES (@FullName, @Email, @Phone, @Postcode, @Interests, @Availability, @Motivation, @AreaId, @OpportunityId, 'applied', @DedupeKey, @At, @At)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """,
            new
            {
                application.FullName, application.Email, application.Phone, application.Postcode, Interests = string.Join(", ", application.Interests),
                Availability = Availability.Format(application.Availability), application.Motivation, application.AreaId, application.OpportunityId,
                application.DedupeKey, At = at,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (id is null)
        {
            return false;
        }

        foreach (var referee in application.Referees)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO volunteer_referees (volunteer_id, name, contact, relationship) VALUES (@Id, @Name, @Contact, @Relationship)",
                new { Id = id, referee.Name, referee.Contact, referee.Relationship },
                transaction,
                cancellationToken: cancellationToken));
        }

        await OutboxWriter.Insert(connection, transaction, [confirmation with { SourceId = id }], at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
