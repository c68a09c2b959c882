using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Feedback;

/// <summary>How <see cref="Interview"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class InterviewConfiguration : IEntityTypeConfiguration<Interview>
{
    public void Configure(EntityTypeBuilder<Interview> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ElectionId, x.PilotVoterId }).IsUnique();
        builder.Property(x => x.Notes).HasMaxLength(InterviewService.MaxNotes);
        builder.HasOne<Elections.Election>().WithMany().HasForeignKey(x => x.ElectionId);
    }
}
