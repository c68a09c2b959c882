using Ballotline.Server.Accounts;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Elections;
using Ballotline.Server.PilotGroup;
using Ballotline.Server.Voting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Data;

/// <summary>
/// The server's database. Provider-specific subclasses (<see cref="SqliteBallotlineDb"/>,
/// <see cref="PostgresBallotlineDb"/>) exist only so that each provider has its own migrations.
/// </summary>
public abstract class BallotlineDb(DbContextOptions options) : IdentityDbContext<BallotlineUser>(options), IDataProtectionKeyContext
{
    public DbSet<Election> Elections => Set<Election>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<PilotVoter> PilotVoters => Set<PilotVoter>();

    public DbSet<VoterRollEntry> VoterRoll => Set<VoterRollEntry>();

    public DbSet<BallotBoxEntry> BallotBox => Set<BallotBoxEntry>();

    public DbSet<SpoiledBallot> SpoiledBallots => Set<SpoiledBallot>();

    public DbSet<Ceremony.Trustee> Trustees => Set<Ceremony.Trustee>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<AnchorRecord> Anchors => Set<AnchorRecord>();

    public DbSet<LedgerDeployment> LedgerDeployments => Set<LedgerDeployment>();

    public DbSet<VerificationAttempt> VerificationAttempts => Set<VerificationAttempt>();

    public DbSet<FinalityNotice> FinalityNotices => Set<FinalityNotice>();

    public DbSet<Mail.OutgoingMail> OutgoingMail => Set<Mail.OutgoingMail>();

    public DbSet<Feedback.FeedbackResponse> Feedback => Set<Feedback.FeedbackResponse>();

    public DbSet<Feedback.Interview> Interviews => Set<Feedback.Interview>();

    public DbSet<Support.SupportTicket> Tickets => Set<Support.SupportTicket>();

    public DbSet<Mail.MailTemplate> MailTemplates => Set<Mail.MailTemplate>();

    public DbSet<Operations.HelpPage> HelpPages => Set<Operations.HelpPage>();

    public DbSet<Operations.PilotIssue> PilotIssues => Set<Operations.PilotIssue>();

    public DbSet<Operations.LessonsLearned> Lessons => Set<Operations.LessonsLearned>();

    public DbSet<Operations.ChecklistItem> Checklist => Set<Operations.ChecklistItem>();

    public DbSet<Observability.Heartbeat> Heartbeats => Set<Observability.Heartbeat>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Roles are part of the schema, not created at run time, so that concurrent starts cannot race.
        builder.Entity<IdentityRole>().HasData(Accounts.Roles.All.Select(r => new IdentityRole(r)
        {
            Id = $"role-{r.ToLowerInvariant()}",
            NormalizedName = r.ToUpperInvariant(),
            ConcurrencyStamp = $"role-{r.ToLowerInvariant()}",
        }));

        builder.Entity<Election>(e =>
        {
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Slug).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Contests);
            e.Property(x => x.RecordingMode).HasConversion<string>().HasMaxLength(16);
        });

        builder.Entity<AnchorRecord>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.ElectionId, x.Kind, x.TreeSize });
            e.HasIndex(x => x.Status);
            e.HasIndex(x => x.TransactionHash).IsUnique();
            e.HasOne<Election>().WithMany().HasForeignKey(x => x.ElectionId);
        });

        builder.Entity<LedgerDeployment>(e => e.HasIndex(x => new { x.ChainId, x.RetiredAt }));
        builder.Entity<VerificationAttempt>(e => e.HasIndex(x => new { x.ElectionId, x.At }));
        builder.Entity<Feedback.Interview>(e =>
        {
            e.HasIndex(x => new { x.ElectionId, x.PilotVoterId }).IsUnique();
            e.Property(x => x.Notes).HasMaxLength(Ballotline.Server.Feedback.InterviewService.MaxNotes);
            e.HasOne<Election>().WithMany().HasForeignKey(x => x.ElectionId);
        });
        builder.Entity<Feedback.FeedbackResponse>(e =>
        {
            e.HasIndex(x => new { x.ElectionId, x.PilotVoterId }).IsUnique();
            e.Property(x => x.WhatWorked).HasMaxLength(Ballotline.Server.Feedback.FeedbackService.MaxText);
            e.Property(x => x.WhatConfused).HasMaxLength(Ballotline.Server.Feedback.FeedbackService.MaxText);
            e.Property(x => x.Suggestions).HasMaxLength(Ballotline.Server.Feedback.FeedbackService.MaxText);
            e.Property(x => x.TechnicalIssues).HasMaxLength(Ballotline.Server.Feedback.FeedbackService.MaxText);
            e.HasOne<Election>().WithMany().HasForeignKey(x => x.ElectionId);
        });
        builder.Entity<Support.SupportTicket>(e =>
        {
            e.Property(x => x.Severity).HasConversion<int?>();
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(4000);
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.Language).HasMaxLength(8);
            e.HasIndex(x => new { x.Status, x.CreatedAt });
            e.HasIndex(x => x.UserId);
            e.HasMany(x => x.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Operations.HelpPage>(e =>
        {
            e.HasKey(x => new { x.Slug, x.Language });
            e.Property(x => x.Slug).HasMaxLength(32);
            e.Property(x => x.Language).HasMaxLength(8);
            e.Property(x => x.Title).HasMaxLength(200);
        });
        builder.Entity<Operations.PilotIssue>(e =>
        {
            e.Property(x => x.Severity).HasConversion<int>();
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Title).HasMaxLength(200);
            e.HasIndex(x => new { x.ElectionId, x.Status });
        });
        builder.Entity<Operations.ChecklistItem>(e =>
        {
            e.HasIndex(x => new { x.ElectionId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Evidence).HasMaxLength(1000);
        });
        builder.Entity<Operations.LessonsLearned>(e =>
        {
            e.HasKey(x => x.ElectionId);
            e.HasOne<Election>().WithOne().HasForeignKey<Operations.LessonsLearned>(x => x.ElectionId);
        });
        builder.Entity<Mail.MailTemplate>(e =>
        {
            e.HasKey(x => new { x.Key, x.Language });
            e.Property(x => x.Key).HasMaxLength(32);
            e.Property(x => x.Language).HasMaxLength(8);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(8000);
        });
        builder.Entity<Support.TicketMessage>(e => e.Property(x => x.Text).HasMaxLength(4000));
        builder.Entity<FinalityNotice>(e => e.HasIndex(x => new { x.ElectionId, x.LogIndex }).IsUnique());
        builder.Entity<Mail.OutgoingMail>(e =>
        {
            e.HasIndex(x => x.DeduplicationKey).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Kind).HasMaxLength(64);
        });

        builder.Entity<AuditEntry>(e => e.HasIndex(x => new { x.ElectionId, x.At }));
        builder.Entity<Observability.Heartbeat>(e =>
        {
            e.HasKey(x => x.Slot);
            e.Property(x => x.Slot).ValueGeneratedNever();
        });

        builder.Entity<PilotVoter>(e =>
        {
            e.HasIndex(x => new { x.ElectionId, x.Email }).IsUnique();
            e.HasIndex(x => x.InvitationTokenHash).IsUnique();
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Group).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.AgeBand).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Language).HasMaxLength(8);
            e.HasOne<Election>().WithMany().HasForeignKey(x => x.ElectionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<VoterRollEntry>(e =>
        {
            // One voter, one ballot: enforced here, in the same transaction that stores the ballot.
            e.HasIndex(x => new { x.ElectionId, x.PilotVoterId }).IsUnique();
            e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Election>().WithMany().HasForeignKey(x => x.ElectionId);
        });

        builder.Entity<Ceremony.Trustee>(e =>
        {
            e.HasIndex(x => new { x.ElectionId, x.Index }).IsUnique();
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasOne<Election>().WithMany().HasForeignKey(x => x.ElectionId);
        });

        builder.Entity<SpoiledBallot>(e =>
        {
            e.HasIndex(x => x.TrackingCode).IsUnique();
            e.HasIndex(x => x.ElectionId);
            e.Property(x => x.TrackingCode).HasMaxLength(64);
            e.Property(x => x.ShortCode).HasMaxLength(19);
            e.HasOne<Election>().WithMany().HasForeignKey(x => x.ElectionId);
        });

        builder.Entity<BallotBoxEntry>(e =>
        {
            e.HasIndex(x => new { x.ElectionId, x.LogIndex }).IsUnique();
            e.HasIndex(x => x.TrackingCode).IsUnique();
            e.HasIndex(x => x.ShortCode);
            e.Property(x => x.TrackingCode).HasMaxLength(64);
            e.Property(x => x.ShortCode).HasMaxLength(19);
            e.HasOne<Election>().WithMany().HasForeignKey(x => x.ElectionId);
        });
    }
}
