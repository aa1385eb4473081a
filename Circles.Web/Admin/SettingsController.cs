using Circles.Core.Common;
using Circles.Core.Settings;

namespace Circles.Web.Admin;

[Route("admin/settings")]
public sealed class SettingsController(IMediator mediator) : AdministrationController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var settings = await mediator.Send(new GetOrganisationSettingsQuery(), cancellationToken);
        return View(new SettingsForm
        {
            OrganisationName = settings.OrganisationName,
            TwoFactorRequiredRoles = [.. settings.TwoFactorRequiredRoles],
            MeetingReminderHours = MessagingSettingRules.WriteHours(settings.MeetingReminderHours),
            QuietHoursStart = settings.QuietHours.IsNone ? null : Display.Time(settings.QuietHours.Start),
            QuietHoursEnd = settings.QuietHours.IsNone ? null : Display.Time(settings.QuietHours.End),
            DefaultIdealDays = settings.DefaultCadence.IdealDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DefaultMaximumDays = settings.DefaultCadence.MaximumDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            UclaThreshold = settings.UclaThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NoReplyDays = settings.NoReplyDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            SwemwbsLicence = settings.SwemwbsLicence,
            AssetStaleMonths = settings.AssetStaleMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MapTileUrl = settings.MapTileUrl,
            MapAttribution = settings.MapAttribution,
            DbsRecheckYears = settings.DbsRecheckYears.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RetentionYears = settings.RetentionYears.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(SettingsForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(
            new UpdateOrganisationSettingsCommand(form.OrganisationName, form.TwoFactorRequiredRoles)
            {
                MeetingReminderHours = form.MeetingReminderHours,
                QuietHoursStart = form.QuietHoursStart,
                QuietHoursEnd = form.QuietHoursEnd,
                DefaultIdealDays = form.DefaultIdealDays,
                DefaultMaximumDays = form.DefaultMaximumDays,
                UclaThreshold = form.UclaThreshold,
                NoReplyDays = form.NoReplyDays,
                SwemwbsLicence = form.SwemwbsLicence,
                AssetStaleMonths = form.AssetStaleMonths,
                MapTileUrl = form.MapTileUrl,
                MapAttribution = form.MapAttribution,
                DbsRecheckYears = form.DbsRecheckYears,
                RetentionYears = form.RetentionYears,
            },
            cancellationToken);
        TempData["Notice"] = "Settings saved.";
        return RedirectToAction(nameof(Index));
    }
}
