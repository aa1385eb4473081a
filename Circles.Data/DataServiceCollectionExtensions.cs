using Circles.Core.Accounts;
using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Circles;
using Circles.Core.Matching;
using Circles.Core.Messaging;
using Circles.Core.People;
using Circles.Core.Scheduling;
using Circles.Core.Settings;
using Circles.Data.Accounts;
using Circles.Data.Areas;
using Circles.Data.Auditing;
using Circles.Data.Circles;
using Circles.Data.Matching;
using Circles.Data.Messaging;
using Circles.Data.Migrations;
using Circles.Data.People;
using Circles.Data.Scheduling;
using Circles.Data.Settings;
using Circles.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddCirclesData(this IServiceCollection services, string connectionString)
    {
        TypeHandlers.Register();
        // Made by a factory method so the container closes its kept connections at shutdown.
        services.AddSingleton(_ => new SqliteConnectionFactory(connectionString));
        services.AddSingleton<IDbConnectionFactory>(sp => sp.GetRequiredService<SqliteConnectionFactory>());
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IUserDirectory, UserDirectory>();
        services.AddSingleton<IAuditStore, AuditStore>();
        services.AddSingleton<IAreaStore, AreaStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<ISettingsStore>(sp => sp.GetRequiredService<SettingsStore>());
        services.AddSingleton<ISchedulerStore, SchedulerStore>();
        services.AddSingleton<IOutboxStore, OutboxStore>();
        services.AddSingleton<IPeopleStore, PeopleStore>();
        services.AddSingleton<IPersonLogStore, PersonLogStore>();
        services.AddSingleton<ICircleStore, CircleStore>();
        services.AddSingleton<IMatchingStore, MatchingStore>();
        services.AddSingleton<Core.CheckIns.ICheckInStore, CheckIns.CheckInStore>();
        services.AddSingleton<Core.CheckIns.ICheckInRequestStore, CheckIns.CheckInRequestStore>();
        services.AddSingleton<Core.CheckIns.IFollowUpStore, CheckIns.FollowUpStore>();
        services.AddSingleton<Core.Assets.IAssetStore, Assets.AssetStore>();
        services.AddSingleton<Core.Assets.IAssetConnectionStore, Assets.AssetConnectionStore>();
        services.AddSingleton<Core.Assets.IOpenDataStore, Assets.OpenDataStore>();
        services.AddSingleton<Core.Assets.IPostcodeStore, Assets.PostcodeStore>();
        services.AddSingleton<Core.Volunteering.IOpportunityStore, Volunteering.OpportunityStore>();
        services.AddSingleton<Core.Volunteering.IVolunteerStore, Volunteering.VolunteerStore>();
        services.AddSingleton<Core.Volunteering.IScreeningStore, Volunteering.ScreeningStore>();
        services.AddSingleton<Core.Volunteering.IDbsStore, Volunteering.DbsStore>();
        services.AddSingleton<Core.Volunteering.IHoursStore, Volunteering.HoursStore>();
        services.AddSingleton<Core.Privacy.ISubjectAccessStore, Privacy.SubjectAccessStore>();
        services.AddSingleton<Core.Privacy.IErasureStore, Privacy.ErasureStore>();
        services.AddSingleton<Core.Privacy.IRetentionStore, Privacy.RetentionStore>();
        services.AddSingleton<Core.Reporting.IReportStore, Reporting.ReportStore>();
        services.AddSingleton<Core.Privacy.IConsentStore, Privacy.ConsentStore>();
        return services;
    }
}
