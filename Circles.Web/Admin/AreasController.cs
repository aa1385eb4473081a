using Circles.Core.Areas;

namespace Circles.Web.Admin;

[Route("admin/areas")]
public sealed class AreasController(IMediator mediator) : AdministrationController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var form = new AreaForm();
        await PrepareForm(form, cancellationToken);
        return View(form);
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(AreaForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new CreateAreaCommand(form.Name), cancellationToken);
        TempData["Notice"] = $"Area added: {form.Name!.Trim()}";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:long}/rename")]
    public async Task<IActionResult> Rename(long id, CancellationToken cancellationToken)
    {
        var area = await mediator.Send(new GetAreaQuery(id), cancellationToken);
        return View(new AreaForm { AreaId = id, Name = area.Name });
    }

    [HttpPost("{id:long}/rename")]
    public async Task<IActionResult> Rename(long id, AreaForm form, CancellationToken cancellationToken)
    {
        form.AreaId = id;
        await mediator.Send(new RenameAreaCommand(id, form.Name), cancellationToken);
        TempData["Notice"] = "Area renamed.";
        return RedirectToAction(nameof(Index));
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        if (form is AreaForm { AreaId: 0 } areaForm)
        {
            areaForm.Areas = await mediator.Send(new ListAreasQuery(), cancellationToken);
        }
    }
}
