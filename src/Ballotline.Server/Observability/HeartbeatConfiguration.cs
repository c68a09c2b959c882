using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Observability;

/// <summary>How <see cref="Heartbeat"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class HeartbeatConfiguration : IEntityTypeConfiguration<Heartbeat>
{
    public void Configure(EntityTypeBuilder<Heartbeat> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(x => x.Slot);
        builder.Property(x => x.Slot).ValueGeneratedNever();
    }
}
