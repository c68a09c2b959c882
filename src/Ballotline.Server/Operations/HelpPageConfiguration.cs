using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Operations;

/// <summary>How <see cref="HelpPage"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class HelpPageConfiguration : IEntityTypeConfiguration<HelpPage>
{
    public void Configure(EntityTypeBuilder<HelpPage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(x => new { x.Slug, x.Language });
        builder.Property(x => x.Slug).HasMaxLength(32);
        builder.Property(x => x.Language).HasMaxLength(8);
        builder.Property(x => x.Title).HasMaxLength(200);
    }
}
