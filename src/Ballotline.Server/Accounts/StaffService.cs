using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Ballotline.Server.Accounts;

/// <summary>Administrators add support staff and other administrators (voters come only through invitations).</summary>
public sealed class StaffService(UserManager<BallotlineUser> users)
{
    public sealed record StaffInput(string Email, string Name, string Password, string Role);

    public sealed record StaffView(string Email, string Name, IReadOnlyList<string> Roles);

    public async Task<StaffView> AddAsync(StaffInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Role is not (Roles.Support or Roles.Administrator))
        {
            throw new DomainException("invalid-role", $"Staff are '{Roles.Support}' or '{Roles.Administrator}', not '{input.Role}'.");
        }

        var user = new BallotlineUser { UserName = input.Email?.Trim(), Email = input.Email?.Trim(), EmailConfirmed = true, DisplayName = input.Name?.Trim() ?? string.Empty };
        var created = await users.CreateAsync(user, input.Password ?? string.Empty);
        if (!created.Succeeded)
        {
            var errors = created.Errors.Select(e => e.Description).ToArray();
            throw new DomainException("invalid-staff", "The account was not created: " + string.Join(" ", errors), StatusCodes.Status400BadRequest, errors);
        }

        await users.AddToRoleAsync(user, input.Role);
        return new StaffView(user.Email!, user.DisplayName, [input.Role]);
    }

    public async Task<IReadOnlyList<StaffView>> ListAsync()
    {
        var staff = new List<StaffView>();
        foreach (var role in new[] { Roles.Administrator, Roles.Support })
        {
            foreach (var user in await users.GetUsersInRoleAsync(role))
            {
                staff.Add(new StaffView(user.Email ?? string.Empty, user.DisplayName, [role]));
            }
        }

        return staff;
    }
}
