namespace Circles.Web.Accounts;

/// <summary>Forms that choose a new password share the same two fields and partial view.</summary>
public interface INewPasswordForm
{
    string? Password { get; }

    string? ConfirmPassword { get; }
}

public sealed class SetupForm : INewPasswordForm
{
    public string? OrganisationName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class SignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorCodeForm
{
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ForgotPasswordForm
{
    public string? Email { get; set; }
}

public sealed class NewPasswordForm : INewPasswordForm
{
    public long UserId { get; set; }

    public string? Token { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class ChangePasswordForm : INewPasswordForm
{
    public string? CurrentPassword { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class EnableTwoFactorForm
{
    public string? Code { get; set; }

    public string SharedKey { get; set; } = "";

    public string QrCodeDataUri { get; set; } = "";
}

public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, bool Required, bool RequiredNotice);

public sealed record RecoveryCodes(IReadOnlyList<string> Codes);
