using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Elections;

/// <summary>How <see cref="Election"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class ElectionConfiguration : IEntityTypeConfiguration<Election>
{
    public void Configure(EntityTypeBuilder<Election> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => x.Slug).IsUnique();
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Slug).HasMaxLength(64);
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.Contests);
        builder.Property(x => x.RecordingMode).HasConversion<string>().HasMaxLength(16);
    }
}
