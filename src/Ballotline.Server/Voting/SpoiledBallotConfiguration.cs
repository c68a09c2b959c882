using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Voting;

/// <summary>How <see cref="SpoiledBallot"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class SpoiledBallotConfiguration : IEntityTypeConfiguration<SpoiledBallot>
{
    public void Configure(EntityTypeBuilder<SpoiledBallot> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => x.TrackingCode).IsUnique();
        builder.HasIndex(x => x.ElectionId);
        builder.Property(x => x.TrackingCode).HasMaxLength(64);
        builder.Property(x => x.ShortCode).HasMaxLength(19);
        builder.HasOne<Elections.Election>().WithMany().HasForeignKey(x => x.ElectionId);
    }
}
