using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Feedback;

/// <summary>How <see cref="FeedbackResponse"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class FeedbackResponseConfiguration : IEntityTypeConfiguration<FeedbackResponse>
{
    public void Configure(EntityTypeBuilder<FeedbackResponse> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(x => new { x.ElectionId, x.PilotVoterId }).IsUnique();
        builder.Property(x => x.WhatWorked).HasMaxLength(FeedbackService.MaxText);
        builder.Property(x => x.WhatConfused).HasMaxLength(FeedbackService.MaxText);
        builder.Property(x => x.Suggestions).HasMaxLength(FeedbackService.MaxText);
        builder.Property(x => x.TechnicalIssues).HasMaxLength(FeedbackService.MaxText);
        builder.HasOne<Elections.Election>().WithMany().HasForeignKey(x => x.ElectionId);
    }
}
