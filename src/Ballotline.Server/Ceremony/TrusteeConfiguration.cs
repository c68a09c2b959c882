using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Ceremony;

/// <summary>How <see cref="Trustee"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class TrusteeConfiguration : IEntityTypeConfiguration<Trustee>
{
    public void Configure(EntityTypeBuilder<Trustee> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ElectionId, x.Index }).IsUnique();
        builder.HasIndex(x => x.TokenHash).IsUnique();
        builder.Property(x => x.TokenHash).HasMaxLength(64);
        builder.HasOne<Elections.Election>().WithMany().HasForeignKey(x => x.ElectionId);
    }
}
