using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Web.Hosting;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using QRCoder;

namespace Circles.Web.Accounts;

[Route("account")]
[AllowWithoutTwoFactor]
public sealed class AccountController(
    IMediator mediator,
    UserManager<CirclesUser> users,
    SignInManager<CirclesUser> signIn,
    IPasswordHasher<CirclesUser> hasher,
    SignInThrottle throttle,
    IAuditLog audit,
    TimeProvider clock) : CirclesController
{
    private const string WrongDetails = "Enter a correct email address and password";
    private static string? _dummyHash;

    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl(returnUrl)) : View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in")]
    [EnableRateLimiting(CirclesHost.SignInRateLimit)]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Email))
        {
            ModelState.AddModelError(nameof(form.Email), "Enter your email address");
        }

        if (string.IsNullOrEmpty(form.Password))
        {
            ModelState.AddModelError(nameof(form.Password), "Enter your password");
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        if (!throttle.TryAttempt(form.Email))
        {
            return TooManyAttempts();
        }

        var user = form.Email!.Length <= 254 ? await users.FindByEmailAsync(form.Email.Trim()) : null;
        if (user is null)
        {
            SpendPasswordCheckTime(form.Password!);
            await audit.RecordAs(null, new AuditEntry(AuditActions.SignInFailed, "user", null, "Unknown email address"), cancellationToken);
            ModelState.AddModelError(nameof(form.Email), WrongDetails);
            return View(form);
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password!, isPersistent: false, lockoutOnFailure: true);
        var userId = user.Id.ToString();
        if (result.Succeeded)
        {
            user.LastSignInAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
            await audit.RecordAs(user.Id, new AuditEntry(AuditActions.SignInSucceeded, "user", userId), cancellationToken);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactorSignIn), new { returnUrl = form.ReturnUrl });
        }

        // Identity answers "locked out" and "not allowed" without checking the password. Spend the same
        // time and say the same words as for a wrong password, so nobody learns an account exists.
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            SpendPasswordCheckTime(form.Password!);
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAs(user.Id, new AuditEntry(AuditActions.SignInLockedOut, "user", userId), cancellationToken);
            ModelState.AddModelError(nameof(form.Email), WrongDetails);
            return View(form);
        }

        await audit.RecordAs(user.Id, new AuditEntry(AuditActions.SignInFailed, "user", userId, result.IsNotAllowed ? "Account disabled or not yet active" : "Wrong password"), cancellationToken);
        ModelState.AddModelError(nameof(form.Email), WrongDetails);
        return View(form);
    }

    [AllowAnonymous]
    [HttpGet("two-factor-sign-in")]
    public async Task<IActionResult> TwoFactorSignIn(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(SignIn))
            : View(new TwoFactorCodeForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("two-factor-sign-in")]
    [EnableRateLimiting(CirclesHost.SignInRateLimit)]
    public Task<IActionResult> TwoFactorSignIn(TwoFactorCodeForm form, CancellationToken cancellationToken) =>
        CompleteTwoFactor(form, recovery: false, cancellationToken);

    [AllowAnonymous]
    [HttpGet("recovery-code-sign-in")]
    public async Task<IActionResult> RecoveryCodeSignIn(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(SignIn))
            : View(new TwoFactorCodeForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("recovery-code-sign-in")]
    [EnableRateLimiting(CirclesHost.SignInRateLimit)]
    public Task<IActionResult> RecoveryCodeSignIn(TwoFactorCodeForm form, CancellationToken cancellationToken) =>
        CompleteTwoFactor(form, recovery: true, cancellationToken);

    private async Task<IActionResult> CompleteTwoFactor(TwoFactorCodeForm form, bool recovery, CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length is 0 or > 20)
        {
            ModelState.AddModelError(nameof(form.Code), recovery ? "Enter one of your recovery codes" : "Enter the 6-digit code from your authenticator app");
            return View(form);
        }

        if (!throttle.TryAttempt(user.Email))
        {
            return TooManyAttempts();
        }

        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var userId = user.Id.ToString();
        if (result.Succeeded)
        {
            user = await users.FindByIdAsync(userId);
            user!.LastSignInAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
            await audit.RecordAs(user.Id, new AuditEntry(AuditActions.SignInSucceeded, "user", userId, recovery ? "With a recovery code" : "With an authenticator code"), cancellationToken);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        await audit.RecordAs(user.Id, new AuditEntry(result.IsLockedOut ? AuditActions.SignInLockedOut : AuditActions.SignInTwoFactorFailed, "user", userId), cancellationToken);
        ModelState.AddModelError(nameof(form.Code), result.IsLockedOut
            ? "You have tried too many times. Wait a while and try again, or ask your administrator"
            : recovery ? "That recovery code is not right or has been used" : "The code is not right: enter the newest code from your app");
        return View(form);
    }

    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOut(CancellationToken cancellationToken)
    {
        if (CurrentUserId is { } id)
        {
            await audit.Record(new AuditEntry(AuditActions.SignedOut, "user", id.ToString()), cancellationToken);
        }

        await signIn.SignOutAsync();
        return RedirectToAction(nameof(SignedOut));
    }

    [AllowAnonymous]
    [HttpGet("signed-out")]
    public IActionResult SignedOut() => View();

    [AllowAnonymous]
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm());

    [AllowAnonymous]
    [HttpPost("forgot-password")]
    [EnableRateLimiting(CirclesHost.SignInRateLimit)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form, CancellationToken cancellationToken)
    {
        if (!throttle.TryAttempt(form.Email))
        {
            return TooManyAttempts();
        }

        await mediator.Send(new RequestPasswordResetCommand(form.Email), cancellationToken);
        return View("CheckYourEmail");
    }

    [AllowAnonymous]
    [HttpGet("reset-password")]
    public async Task<IActionResult> ResetPassword(long userId, string? token, CancellationToken cancellationToken) =>
        await mediator.Send(new CheckAccountLinkQuery(userId, token, AccountLinkKind.PasswordReset), cancellationToken)
            ? View(new NewPasswordForm { UserId = userId, Token = token })
            : View("LinkExpired", ResetPasswordHandler.ExpiredMessage);

    [AllowAnonymous]
    [HttpPost("reset-password")]
    [EnableRateLimiting(CirclesHost.SignInRateLimit)]
    public async Task<IActionResult> ResetPassword(NewPasswordForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new ResetPasswordCommand(form.UserId, form.Token, form.Password, form.ConfirmPassword), cancellationToken);
        TempData["Notice"] = "Your password has been changed. Sign in with your new password.";
        return RedirectToAction(nameof(SignIn));
    }

    [AllowAnonymous]
    [HttpGet("accept-invitation")]
    public async Task<IActionResult> AcceptInvitation(long userId, string? token, CancellationToken cancellationToken) =>
        await mediator.Send(new CheckAccountLinkQuery(userId, token, AccountLinkKind.Invitation), cancellationToken)
            ? View(new NewPasswordForm { UserId = userId, Token = token })
            : View("LinkExpired", AcceptInvitationHandler.ExpiredMessage);

    [AllowAnonymous]
    [HttpPost("accept-invitation")]
    [EnableRateLimiting(CirclesHost.SignInRateLimit)]
    public async Task<IActionResult> AcceptInvitation(NewPasswordForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new AcceptInvitationCommand(form.UserId, form.Token, form.Password, form.ConfirmPassword), cancellationToken);
        TempData["Notice"] = "Your account is ready. Sign in with your email address and new password.";
        return RedirectToAction(nameof(SignIn));
    }

    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new ChangePasswordCommand(CurrentUserId!.Value, form.CurrentPassword, form.Password, form.ConfirmPassword), cancellationToken);
        TempData["Notice"] = "Your password has been changed.";
        return RedirectToAction(nameof(TwoFactor));
    }

    [HttpGet("two-factor")]
    public async Task<IActionResult> TwoFactor(bool required, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        var chrome = HttpContext.RequestServices.GetRequiredService<SiteChrome>();
        var mustHave = (await chrome.Settings(cancellationToken)).RequiresTwoFactor(await users.GetRolesAsync(user));
        return View(new TwoFactorStatus(user.TwoFactorEnabled, await users.CountRecoveryCodesAsync(user), mustHave, required && !user.TwoFactorEnabled));
    }

    [HttpGet("two-factor/set-up")]
    public async Task<IActionResult> SetUpTwoFactor(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is { TwoFactorEnabled: true })
        {
            TempData["Problem"] = "Two-factor sign-in is already on. To move it to a new phone, turn it off and set it up again.";
            return RedirectToAction(nameof(TwoFactor));
        }

        var form = new EnableTwoFactorForm();
        await PrepareForm(form, cancellationToken);
        return View(form);
    }

    [HttpPost("two-factor/set-up")]
    public async Task<IActionResult> SetUpTwoFactor(EnableTwoFactorForm form, CancellationToken cancellationToken)
    {
        var codes = await mediator.Send(new EnableTwoFactorCommand(CurrentUserId!.Value, form.Code), cancellationToken);
        return View("RecoveryCodes", new RecoveryCodes(codes));
    }

    [HttpPost("two-factor/disable")]
    public async Task<IActionResult> DisableTwoFactor(string? password, CancellationToken cancellationToken)
    {
        await mediator.Send(new DisableTwoFactorCommand(CurrentUserId!.Value, password), cancellationToken);
        TempData["Notice"] = "Two-factor sign-in is off.";
        return RedirectToAction(nameof(TwoFactor));
    }

    [HttpPost("two-factor/recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes(string? password, CancellationToken cancellationToken)
    {
        var codes = await mediator.Send(new GenerateRecoveryCodesCommand(CurrentUserId!.Value, password), cancellationToken);
        return View("RecoveryCodes", new RecoveryCodes(codes));
    }

    public override async Task<IActionResult> FormAgain(object? form, CancellationToken cancellationToken)
    {
        // Account pages whose handlers report a problem with the whole link show the expired page.
        if (form is NewPasswordForm && ModelState.TryGetValue("", out var entry) && entry.Errors.Count > 0)
        {
            return View("LinkExpired", entry.Errors[0].ErrorMessage);
        }

        // Never show the set-up page (and so the key) again once two-factor sign-in is on.
        if (form is EnableTwoFactorForm && ModelState.TryGetValue("", out var problem) && problem.Errors.Count > 0)
        {
            TempData["Problem"] = problem.Errors[0].ErrorMessage;
            return RedirectToAction(nameof(TwoFactor));
        }

        return await base.FormAgain(form, cancellationToken);
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        if (form is EnableTwoFactorForm twoFactor)
        {
            var setup = await mediator.Send(new GetAuthenticatorSetupQuery(CurrentUserId!.Value), cancellationToken);
            twoFactor.SharedKey = setup.SharedKey;
            using var data = QRCodeGenerator.GenerateQrCode(setup.OtpAuthUri, QRCodeGenerator.ECCLevel.M);
            twoFactor.QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
        }
    }

    private void SpendPasswordCheckTime(string password) =>
        hasher.VerifyHashedPassword(new CirclesUser(), _dummyHash ??= hasher.HashPassword(new CirclesUser(), Guid.NewGuid().ToString()), password);

    private ViewResult TooManyAttempts()
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = "60";
        return View("TooManyAttempts");
    }

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
