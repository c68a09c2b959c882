using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ballotline.Server.Mail;

/// <summary>How <see cref="MailTemplate"/> is stored: keys, indexes, lengths and conversions.</summary>
public sealed class MailTemplateConfiguration : IEntityTypeConfiguration<MailTemplate>
{
    public void Configure(EntityTypeBuilder<MailTemplate> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(x => new { x.Key, x.Language });
        builder.Property(x => x.Key).HasMaxLength(32);
        builder.Property(x => x.Language).HasMaxLength(8);
        builder.Property(x => x.Subject).HasMaxLength(200);
        builder.Property(x => x.Body).HasMaxLength(8000);
    }
}
