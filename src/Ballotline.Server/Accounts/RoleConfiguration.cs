using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Accounts;

/// <summary>The staff and voter roles are part of the schema, not created at run time, so that concurrent starts cannot race.</summary>
public sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasData(Roles.All.Select(r => new IdentityRole(r)
        {
            Id = $"role-{r.ToLowerInvariant()}",
            NormalizedName = r.ToUpperInvariant(),
            ConcurrencyStamp = $"role-{r.ToLowerInvariant()}",
        }));
    }
}
