using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Support;

/// <summary>How <see cref="TicketMessage"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class TicketMessageConfiguration : IEntityTypeConfiguration<TicketMessage>
{
    public void Configure(EntityTypeBuilder<TicketMessage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(x => x.Text).HasMaxLength(4000);
    }
}
