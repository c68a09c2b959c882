using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Elections;

/// <summary>How <see cref="AuditEntry"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ElectionId, x.At });
    }
}
