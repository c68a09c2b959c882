using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Voting;

/// <summary>How <see cref="BallotBoxEntry"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class BallotBoxEntryConfiguration : IEntityTypeConfiguration<BallotBoxEntry>
{
    public void Configure(EntityTypeBuilder<BallotBoxEntry> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ElectionId, x.LogIndex }).IsUnique();
        builder.HasIndex(x => x.TrackingCode).IsUnique();
        builder.HasIndex(x => x.ShortCode);
        builder.Property(x => x.TrackingCode).HasMaxLength(64);
        builder.Property(x => x.ShortCode).HasMaxLength(19);
        builder.HasOne<Elections.Election>().WithMany().HasForeignKey(x => x.ElectionId);
    }
}
