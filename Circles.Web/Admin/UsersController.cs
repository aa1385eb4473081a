using Circles.Core.Accounts;
using Circles.Core.Areas;
using Circles.Core.Common;
using Circles.Web.Accounts;

namespace Circles.Web.Admin;

[Route("admin/users")]
public sealed class UsersController(IMediator mediator) : AdministrationController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, string? role, int? page, CancellationToken cancellationToken)
    {
        var users = await mediator.Send(new ListUsersQuery(search, role, page), cancellationToken);
        return View(new UserListPage(users, search, role));
    }

    [HttpGet("invite")]
    public async Task<IActionResult> Invite(CancellationToken cancellationToken)
    {
        var form = new InviteUserForm();
        await PrepareForm(form, cancellationToken);
        return View(form);
    }

    [HttpPost("invite")]
    public async Task<IActionResult> Invite(InviteUserForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await FormAgain(form, cancellationToken);
        }

        var id = await mediator.Send(new InviteUserCommand(form.DisplayName, form.Email, form.Roles, form.AreaIds), cancellationToken);
        TempData["Notice"] = "Invitation sent. It can be used for 7 days.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken)
    {
        var access = await mediator.Send(new GetUserAccessQuery(id), cancellationToken);
        var form = new UserAccessForm { UserId = id, Roles = [.. access.Roles], AreaIds = [.. access.AreaIds] };
        await PrepareForm(form, cancellationToken);
        return View(form);
    }

    [HttpPost("{id:long}")]
    public async Task<IActionResult> Details(long id, UserAccessForm form, CancellationToken cancellationToken)
    {
        form.UserId = id;
        if (!ModelState.IsValid)
        {
            return await FormAgain(form, cancellationToken);
        }

        await mediator.Send(new ChangeUserAccessCommand(id, form.Roles, form.AreaIds), cancellationToken);
        TempData["Notice"] = "Roles and areas saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:long}/disable")]
    public Task<IActionResult> Disable(long id, CancellationToken cancellationToken) =>
        Change(id, new SetUserDisabledCommand(id, true), "The account is disabled: they can no longer sign in.", cancellationToken);

    [HttpPost("{id:long}/enable")]
    public Task<IActionResult> Enable(long id, CancellationToken cancellationToken) =>
        Change(id, new SetUserDisabledCommand(id, false), "The account is enabled again.", cancellationToken);

    [HttpPost("{id:long}/resend-invitation")]
    public Task<IActionResult> ResendInvitation(long id, CancellationToken cancellationToken) =>
        Change(id, new ResendInvitationCommand(id), "A new invitation has been sent. Earlier links no longer work.", cancellationToken);

    private async Task<IActionResult> Change(long id, ICommand command, string notice, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(command, cancellationToken);
            TempData["Notice"] = notice;
        }
        catch (ValidationException invalid)
        {
            TempData["Problem"] = invalid.Failures[0].Message;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        var areas = AdminChoices.Areas(await mediator.Send(new ListAreasQuery(), cancellationToken));
        switch (form)
        {
            case InviteUserForm invite:
                invite.AreaChoices = areas;
                break;
            case UserAccessForm access:
                access.AreaChoices = areas;
                access.User = await mediator.Send(new GetUserAccessQuery(access.UserId), cancellationToken);
                break;
        }
    }
}
