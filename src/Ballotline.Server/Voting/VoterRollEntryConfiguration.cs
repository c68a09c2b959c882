using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Voting;

/// <summary>How <see cref="VoterRollEntry"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class VoterRollEntryConfiguration : IEntityTypeConfiguration<VoterRollEntry>
{
    public void Configure(EntityTypeBuilder<VoterRollEntry> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // One voter, one ballot: enforced here, in the same transaction that stores the ballot.
        builder.HasIndex(x => new { x.ElectionId, x.PilotVoterId }).IsUnique();
        builder.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Elections.Election>().WithMany().HasForeignKey(x => x.ElectionId);
    }
}
