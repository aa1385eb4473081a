using Circles.Web.Accounts;

namespace Circles.Tests.Core;

public sealed class PasswordPolicyTests
{
    [Test]
    public void Ships_a_list_of_at_least_3000_common_passwords() =>
        Assert.That(PasswordPolicy.CommonPasswordCount, Is.GreaterThanOrEqualTo(3000));

    [TestCase("")]
    [TestCase("elevenchars")]
    public void Shorter_than_12_characters_is_refused(string password) =>
        Assert.That(PasswordPolicy.Check(password), Is.Not.Null);

    [Test]
    public void Exactly_12_and_exactly_64_characters_are_allowed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PasswordPolicy.Check("kettle river"), Is.Null);
            Assert.That(PasswordPolicy.Check(string.Concat(Enumerable.Repeat("kettle-river-bicycle-", 3)) + "x"), Is.Null);
        });
    }

    [Test]
    public void Longer_than_64_characters_is_refused() =>
        Assert.That(PasswordPolicy.Check(new string('k', 30) + new string('r', 35)), Does.Contain("64"));

    [Test]
    public void No_composition_rules_apply_to_a_long_lowercase_passphrase() =>
        Assert.That(PasswordPolicy.Check("purple tractor sings loudly"), Is.Null);

    [TestCase("password1234")]
    [TestCase("PASSWORD1234")]
    [TestCase("qwertyuiop123")]
    [TestCase("1234567890123")]
    [TestCase("iloveyou12345")]
    [TestCase("aaaaaaaaaaaaaa")]
    [TestCase("passwordpassword")]
    [TestCase("abcabcabcabc")]
    [TestCase("monkey dragon")]
    [TestCase("sunshine123456")]
    [TestCase("Pass-word 1234!")]
    public void Common_and_predictable_passwords_are_refused(string password) =>
        Assert.That(PasswordPolicy.Check(password), Is.Not.Null);

    [Test]
    public void A_password_containing_the_email_name_is_refused() =>
        Assert.That(PasswordPolicy.Check("margaret.jones rocks", "margaret.jones@example.org"), Does.Contain("name or email"));
}
