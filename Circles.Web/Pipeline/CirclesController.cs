
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
        if (form is not null)
        {
            await PrepareForm(form, cancellationToken);
        }

        return View(form);
    }

    protected virtual Task PrepareForm(object form, CancellationToken cancellationToken) => Task.CompletedTask;

    protected long? CurrentUserId =>
        long.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}
