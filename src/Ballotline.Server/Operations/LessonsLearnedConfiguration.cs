using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Operations;

/// <summary>How <see cref="LessonsLearned"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class LessonsLearnedConfiguration : IEntityTypeConfiguration<LessonsLearned>
{
    public void Configure(EntityTypeBuilder<LessonsLearned> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(x => x.ElectionId);
        builder.HasOne<Elections.Election>().WithOne().HasForeignKey<LessonsLearned>(x => x.ElectionId);
    }
}
