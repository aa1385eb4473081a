using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Accounts;
using Circles.Web.Infrastructure;

namespace Circles.Web.Admin;

public sealed class InviteUserForm
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<long> AreaIds { get; set; } = [];

    public IReadOnlyList<Choice> AreaChoices { get; set; } = [];
}

public sealed class UserAccessForm
{
    public long UserId { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<long> AreaIds { get; set; } = [];

    public UserAccess? User { get; set; }

    public IReadOnlyList<Choice> AreaChoices { get; set; } = [];
}

public sealed class AreaForm
{
    public long AreaId { get; set; }

    public string? Name { get; set; }

    public IReadOnlyList<Area> Areas { get; set; } = [];
}

public sealed class SettingsForm
{
    public string? OrganisationName { get; set; }

    public List<string> TwoFactorRequiredRoles { get; set; } = [];

    public string? MeetingReminderHours { get; set; }

    public string? QuietHoursStart { get; set; }

    public string? QuietHoursEnd { get; set; }

    public string? DefaultIdealDays { get; set; }

    public string? DefaultMaximumDays { get; set; }

    public string? UclaThreshold { get; set; }

    public string? NoReplyDays { get; set; }

    public string? SwemwbsLicence { get; set; }

    public string? AssetStaleMonths { get; set; }

    public string? MapTileUrl { get; set; }

    public string? MapAttribution { get; set; }

    public string? DbsRecheckYears { get; set; }

    public string? RetentionYears { get; set; }
}

public sealed class AuditFilterForm
{
    // Not "Action": MVC would fill that from the route's action name.
    public string? Event { get; set; }

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    public long? UserId { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? Page { get; set; }

    public Page<AuditRecord>? Results { get; set; }

    public AuditFilter ToFilter() =>
        new(Text.Clean(Event), Text.Clean(EntityType), Text.Clean(EntityId), UserId, From, To);
}

public sealed record UserListPage(Page<UserSummary> Users, string? Search, string? Role);

public static class AdminChoices
{
    public static IReadOnlyList<Choice> RoleChoices { get; } =
        Core.Accounts.Roles.All.Select(r => new Choice(r, r, Core.Accounts.Roles.Describe(r))).ToList();

    public static IReadOnlyList<Choice> Areas(IEnumerable<Area> areas) =>
        areas.Select(a => new Choice(a.Id.ToString(), a.Name)).ToList();
}
