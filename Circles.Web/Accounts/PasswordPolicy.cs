using System.Collections.Frozen;
using Circles.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Circles.Web.Accounts;

/// <summary>
/// NCSC and NIST guidance: long passwords, no composition rules, and no passwords that appear in
/// lists of common or breached passwords. The list ships with Circles (30,000 passwords from the
/// zxcvbn frequency lists, MIT licence) so no network is needed.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<CirclesUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 64;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommonPasswords);

    public static int CommonPasswordCount => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<CirclesUser> manager, CirclesUser user, string? password)
    {
        var problem = Check(password, user.Email, user.DisplayName);
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordPolicy", Description = problem }));
    }

    /// <summary>Null when the password is acceptable; otherwise what to do about it.</summary>
    public static string? Check(string? password, string? email = null, string? displayName = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Enter a password";
        }

        if (password.Length < MinimumLength)
        {
            return $"Password must be {MinimumLength} characters or more";
        }

        if (password.Length > MaximumLength)
        {
            return $"Password must be {MaximumLength} characters or fewer";
        }

        if (IsCommon(password))
        {
            return "Password is too easy to guess because many people use it. Try three or more random words";
        }

        if (password.Distinct().Count() <= 2)
        {
            return "Password must not repeat the same one or two characters. Try three or more random words";
        }

        if (IsSequence(password))
        {
            return "Password must not be a sequence like 123456789012 or abcdefghijkl. Try three or more random words";
        }

        var lower = password.ToLowerInvariant();
        var localPart = email?.Split('@')[0].ToLowerInvariant();
        if ((localPart is { Length: >= 4 } && lower.Contains(localPart, StringComparison.Ordinal))
            || (!string.IsNullOrWhiteSpace(displayName) && lower.Contains(displayName.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(), StringComparison.Ordinal)))
        {
            return "Password must not contain your name or email address";
        }

        return null;
    }

    private static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var letters = new string(lower.Where(char.IsLetterOrDigit).ToArray());
        var common = Common.Value;
        if (common.Contains(lower) || common.Contains(letters))
        {
            return true;
        }

        // "password1234" and "qwertyuiop!!" are a common password with a predictable ending.
        var stem = lower.TrimEnd("0123456789!?.*#$@_- ".ToCharArray());
        if (stem.Length != lower.Length && stem.Length >= 4 && common.Contains(stem))
        {
            return true;
        }

        // "passwordpassword", "abcabcabcabc": one short piece repeated.
        if (letters.Length > 0 && (letters + letters).IndexOf(letters, 1, StringComparison.Ordinal) < letters.Length)
        {
            return true;
        }

        // "monkeydragon", "iloveyou sunshine": two common passwords joined.
        for (var split = 3; split <= letters.Length - 3; split++)
        {
            if (common.Contains(letters[..split]) && common.Contains(letters[split..]))
            {
                return true;
            }
        }

        return false;
    }

    // Mostly consecutive characters (either direction, wrapping 9 to 0): "1234567890123", "zyxwvutsrqpo".
    private static bool IsSequence(string password)
    {
        var steps = 0;
        for (var i = 1; i < password.Length; i++)
        {
            var step = Math.Abs(password[i] - password[i - 1]);
            if (step == 1 || (char.IsAsciiDigit(password[i]) && step == 9))
            {
                steps++;
            }
        }

        return steps >= (password.Length - 1) * 3 / 4;
    }

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
