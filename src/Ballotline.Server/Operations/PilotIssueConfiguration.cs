using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Operations;

/// <summary>How <see cref="PilotIssue"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class PilotIssueConfiguration : IEntityTypeConfiguration<PilotIssue>
{
    public void Configure(EntityTypeBuilder<PilotIssue> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(x => x.Severity).HasConversion<int>();
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.HasIndex(x => new { x.ElectionId, x.Status });
    }
}
