using Microsoft.AspNetCore.Identity;

namespace Ballotline.Server.Accounts;

public sealed class BallotlineUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
}
