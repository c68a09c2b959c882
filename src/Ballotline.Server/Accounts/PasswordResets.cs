using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Accounts;

/// <summary>
/// "Forgot your password?" with ASP.NET Core Identity's reset tokens: a link by mail to the account's address, valid
/// for a day and for one reset (the token is bound to the account's security stamp, which a reset changes). The
/// request answers the same whether or not the address has an account, so it reveals no one's registration.
/// </summary>
public sealed partial class PasswordResets(UserManager<BallotlineUser> users, Mail.MailOutbox outbox, Microsoft.Extensions.Localization.IStringLocalizer<Languages.VoterText> words, Data.BallotlineDb db, IOptions<Mail.MailOptions> mail, TimeProvider clock, ILogger<PasswordResets> logger)
{
    public async Task RequestAsync(string? email, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(email) || email.Length > 254 ? null : await users.FindByEmailAsync(email.Trim());
        if (user?.Email is null)
        {
            return;
        }

        var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = $"{mail.Value.PublicBaseUrl}/account/reset-password?email={Uri.EscapeDataString(user.Email)}&token={token}";
        // The link opens the account: encrypted at rest and erased once delivered.
        await outbox.EnqueueAsync("password-reset", $"password-reset:{user.Id}:{clock.GetUtcNow().ToUnixTimeMilliseconds()}", user.Email, words["Choose a new Ballotline password"],
            $"{words["Hello,"]}\n\n{words["Someone (we hope you) asked to choose a new password for {0}. Open this link within a day to choose one:", user.Email]}\n\n{link}\n\n"
            + words["If you did not ask, ignore this message: your password stays as it is. Your vote, if you have cast it, is not affected either way."],
            null, ct, sensitive: true, eraseAfterDelivery: true);
        await db.SaveChangesAsync(ct);
        LogRequested(logger);
    }

    public async Task ResetAsync(string? email, string? token, string? password, string? passwordAgain)
    {
        if (string.IsNullOrEmpty(password) || password != passwordAgain)
        {
            throw new DomainException("password-mismatch", "Type the same new password twice.");
        }

        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        string decoded;
        try
        {
            decoded = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token ?? string.Empty));
        }
        catch (FormatException)
        {
            decoded = string.Empty;
        }

        var result = user is null ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" }) : await users.ResetPasswordAsync(user, decoded, password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                throw new DomainException("reset-link-invalid", "This link has expired or was already used. Ask for a new one from the sign-in page (\"Forgot your password?\").");
            }

            throw new DomainException("weak-password", "The new password was not accepted.", details: [.. result.Errors.Select(e => e.Description)]);
        }

        await users.ResetAccessFailedCountAsync(user!);
        LogReset(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A password reset link was requested for an existing account")]
    private static partial void LogRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A password was reset with a mailed link")]
    private static partial void LogReset(ILogger logger);
}
