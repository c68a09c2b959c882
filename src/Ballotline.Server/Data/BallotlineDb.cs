using Ballotline.Server.Accounts;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Elections;
using Ballotline.Server.PilotGroup;
using Ballotline.Server.Voting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
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

        // Each entity's keys, indexes, lengths and conversions are in its feature folder, beside it (…Configuration),
        // the seeded roles in Accounts/RoleConfiguration.
        builder.ApplyConfigurationsFromAssembly(typeof(BallotlineDb).Assembly);
    }
}
