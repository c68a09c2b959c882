using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Operations;

/// <summary>How <see cref="ChecklistItem"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ElectionId, x.Key }).IsUnique();
        builder.Property(x => x.Key).HasMaxLength(64);
        builder.Property(x => x.Evidence).HasMaxLength(1000);
    }
}
