
namespace Circles.Web.Pipeline;

/// <summary>
/// Base for our controllers. <see cref="FormAgain"/> re-renders a form after a validation failure;
/// a controller whose form needs lists (areas, roles) fills them in <see cref="PrepareForm"/>.
/// </summary>
public abstract class CirclesController : Controller
{
    [NonAction]
    public virtual async Task<IActionResult> FormAgain(object? form, CancellationToken cancellationToken)
    {
        // A button on another page (mark done, set aside…) has no form page of its own: say what was
        // wrong at the top of the page it came from.
        var viewEngine = HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewEngines.ICompositeViewEngine>();
        if (!viewEngine.FindView(ControllerContext, ControllerContext.ActionDescriptor.ActionName, isMainPage: true).Success)
        {
            TempData["Problem"] = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault() ?? "Something was not right: try again";
            var from = Request.GetTypedHeaders().Referer;
            return LocalRedirect(from is not null && Url.IsLocalUrl(from.PathAndQuery) ? from.PathAndQuery : "/");
        }

        if (form is not null)
        {
            await PrepareForm(form, cancellationToken);
        }

        return View(form);
    }

    protected virtual Task PrepareForm(object form, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A date as the three boxes of a GOV.UK date input hold it, for filling in a form (usually with today).</summary>
    protected static string Day(DateOnly date) => date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected static string Month(DateOnly date) => date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected static string Year(DateOnly date) => date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected long? CurrentUserId =>
        long.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}
