using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Anchoring;

/// <summary>How <see cref="AnchorRecord"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class AnchorRecordConfiguration : IEntityTypeConfiguration<AnchorRecord>
{
    public void Configure(EntityTypeBuilder<AnchorRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(x => new { x.ElectionId, x.Kind, x.TreeSize });
        builder.HasIndex(x => x.Status);
        builder.HasIndex(x => x.TransactionHash).IsUnique();
        builder.HasOne<Elections.Election>().WithMany().HasForeignKey(x => x.ElectionId);
    }
}
