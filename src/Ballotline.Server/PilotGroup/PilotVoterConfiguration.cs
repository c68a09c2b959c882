using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.PilotGroup;

/// <summary>How <see cref="PilotVoter"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class PilotVoterConfiguration : IEntityTypeConfiguration<PilotVoter>
{
    public void Configure(EntityTypeBuilder<PilotVoter> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ElectionId, x.Email }).IsUnique();
        builder.HasIndex(x => x.InvitationTokenHash).IsUnique();
        builder.HasIndex(x => x.UserId);
        builder.Property(x => x.Group).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.AgeBand).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Language).HasMaxLength(8);
        builder.HasOne<Elections.Election>().WithMany().HasForeignKey(x => x.ElectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
