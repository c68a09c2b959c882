using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Accounts;

/// <summary>
/// A fresh installation has no default password: until an administrator exists, the server offers a one-time
/// setup link (written to data/setup-link.txt at start, shown only on an interactive terminal, never logged) that
/// creates the first one.
/// </summary>
public sealed class SetupService(BallotlineDb db, UserManager<BallotlineUser> users, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DatabaseOptions> database)
{
    public async Task<bool> NeedsSetupAsync(CancellationToken ct = default) =>
        !await db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrator), ct);

    /// <summary>Creates a new setup token (replacing unused ones) and returns it, or null when setup is done.</summary>
    public async Task<string?> IssueTokenAsync(CancellationToken ct = default)
    {
        if (!await NeedsSetupAsync(ct))
        {
            return null;
        }

        db.SetupTokens.RemoveRange(db.SetupTokens.Where(t => t.UsedAt == null));
        var token = Tokens.New();
        db.SetupTokens.Add(new SetupToken { TokenHash = Tokens.Hash(token), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<bool> IsValidTokenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || !await NeedsSetupAsync(ct))
        {
            return false;
        }

        var hash = Tokens.Hash(token);
        return await db.SetupTokens.AnyAsync(t => t.TokenHash == hash && t.UsedAt == null, ct);
    }

    public async Task<BallotlineUser> CreateFirstAdministratorAsync(string token, string email, string displayName, string password, CancellationToken ct = default)
    {
        if (!await IsValidTokenAsync(token, ct))
        {
            throw new DomainException("setup-invalid", "This setup link is not valid any more: an administrator exists already, or a newer link was printed when the server restarted.", StatusCodes.Status404NotFound);
        }

        var user = new BallotlineUser { UserName = email?.Trim(), Email = email?.Trim(), EmailConfirmed = true, DisplayName = displayName?.Trim() ?? string.Empty };
        var created = await users.CreateAsync(user, password ?? string.Empty);
        if (!created.Succeeded)
        {
            var errors = created.Errors.Select(e => e.Description).ToArray();
            throw new DomainException("setup-rejected", "The administrator was not created: " + string.Join(" ", errors), StatusCodes.Status400BadRequest, errors);
        }

        await users.AddToRoleAsync(user, Roles.Administrator);
        var hash = Tokens.Hash(token);
        var stored = await db.SetupTokens.FirstAsync(t => t.TokenHash == hash, ct);
        stored.UsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        File.Delete(SetupLinkPrinter.PathIn(database.Value.DataDirectory)); // used: no credential left lying in the data directory
        return user;
    }
}
