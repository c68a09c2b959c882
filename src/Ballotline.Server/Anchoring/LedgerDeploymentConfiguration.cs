using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Anchoring;

/// <summary>How <see cref="LedgerDeployment"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class LedgerDeploymentConfiguration : IEntityTypeConfiguration<LedgerDeployment>
{
    public void Configure(EntityTypeBuilder<LedgerDeployment> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ChainId, x.RetiredAt });
    }
}
