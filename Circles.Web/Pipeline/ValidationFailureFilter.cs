using Circles.Core.Common;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Circles.Web.Pipeline;

/// <summary>
/// Turns a <see cref="ValidationException"/> from the mediator into ModelState errors and shows the
/// form again with what the person typed, so nothing is lost. The view renders a GOV.UK error
/// summary linking to each field. A missing entity becomes a 404.
/// </summary>
public sealed class ValidationFailureFilter : IAsyncActionFilter
{
    public const string ErrorOrderKey = "circles.error-order";

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        // A form bound straight to a command leaves type errors ("abc" for a number) to the command's
        // validator, which says in plain words what to enter; the typed text stays in ModelState.
        if (context.ActionArguments.Values.Any(v => v is IMessage))
        {
            foreach (var entry in context.ModelState.Values)
            {
                entry.Errors.Clear();
                entry.ValidationState = Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Valid;
            }
        }

        var executed = await next();
        if (executed.ExceptionHandled || executed.Exception is null)
        {
            return;
        }

        if (executed.Exception is NotFoundException)
        {
            executed.ExceptionHandled = true;
            executed.Result = new NotFoundResult();
            return;
        }

        if (executed.Exception is not ValidationException invalid || context.Controller is not CirclesController controller)
        {
            return;
        }

        foreach (var failure in invalid.Failures)
        {
            context.ModelState.AddModelError(failure.Field, failure.Message);
        }

        // The summary lists problems in the order the rules found them, which follows the form.
        controller.ViewData[ErrorOrderKey] = invalid.Failures.Select(f => f.Field).ToList();

        executed.ExceptionHandled = true;
        // The form is the action's "…Form" argument, or the command itself when the form binds straight to it.
        var model = context.ActionArguments.Values.FirstOrDefault(v => v is not null && (v.GetType().Name.EndsWith("Form", StringComparison.Ordinal) || v is IMessage));
        try
        {
            executed.Result = await controller.FormAgain(model, context.HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            executed.Result = new NotFoundResult();
        }
    }
}
