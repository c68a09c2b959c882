using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Anchoring;

/// <summary>How <see cref="FinalityNotice"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class FinalityNoticeConfiguration : IEntityTypeConfiguration<FinalityNotice>
{
    public void Configure(EntityTypeBuilder<FinalityNotice> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ElectionId, x.LogIndex }).IsUnique();
    }
}
