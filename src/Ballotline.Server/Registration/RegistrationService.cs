using Ballotline.Server.Accounts;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.PilotGroup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Registration;

/// <summary>
/// Turns an invitation link into a voter account. Reused, expired and forged links are refused with a reason
/// the voter can understand. How long registration took is a pilot metric: the exact start is kept only while the
/// voter registers; once registered, the voter's row keeps the days (<see cref="VoterTime"/>: a voter votes minutes
/// after registering) and the seconds join the election's sum, which names no one.
/// </summary>
public sealed partial class RegistrationService(BallotlineDb db, UserManager<BallotlineUser> users, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<RegistrationService> logger)
{
    /// <summary>Opens the registration page for a token and records when registration started.</summary>
    public async Task<(PilotVoter Voter, Election Election)> StartAsync(string token, CancellationToken ct = default)
    {
        var (voter, election) = await FindAsync(token, ct);
        if (voter.RegistrationStartedAt is null)
        {
            voter.RegistrationStartedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            LogStarted(logger, election.Slug);
            metrics.RegistrationsStarted.Inc();
        }

        return (voter, election);
    }

    // language: the one the voter registered in, when their request named one (their mail follows it); null keeps the pilot-group file's.
    public async Task<PilotVoter> CompleteAsync(string token, string password, bool acknowledgedTestNotice, string? language = null, CancellationToken ct = default)
    {
        var (voter, election) = await FindAsync(token, ct);
        if (election.IsTest && !acknowledgedTestNotice)
        {
            throw new DomainException("notice-not-acknowledged", "Please confirm that you understand this is a test election whose votes will not count.");
        }

        var now = clock.GetUtcNow();
        var seconds = Math.Max(0, (now - (voter.RegistrationStartedAt ?? now)).TotalSeconds);
        var user = await users.FindByEmailAsync(voter.Email);
        if (user is null)
        {
            user = new BallotlineUser { UserName = voter.Email, Email = voter.Email, EmailConfirmed = true, DisplayName = voter.Name };
            IdentityResult created;
            try
            {
                created = await users.CreateAsync(user, password ?? string.Empty);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                throw RegisteringConcurrently();
            }

            if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
            {
                throw RegisteringConcurrently();
            }

            if (!created.Succeeded)
            {
                var errors = created.Errors.Select(e => e.Description).ToArray();
                throw new DomainException("weak-password", "The password was not accepted.", StatusCodes.Status400BadRequest, errors);
            }
        }
        else if (!await users.CheckPasswordAsync(user, password ?? string.Empty))
        {
            throw new DomainException("existing-account", "You already have a Ballotline account with this email address: enter its password to add this election to it.");
        }

        if (!await users.IsInRoleAsync(user, Roles.Voter))
        {
            try
            {
                await users.AddToRoleAsync(user, Roles.Voter);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                throw RegisteringConcurrently(); // the same registration, a moment earlier, made the account a voter
            }
        }

        voter.UserId = user.Id;
        voter.RegistrationStartedAt = VoterTime.Day(voter.RegistrationStartedAt ?? now);
        voter.InvitationUsedAt = VoterTime.Day(now);
        voter.RegisteredAt = VoterTime.Day(now);
        voter.Language = language ?? voter.Language;
        voter.InvitationTokenHash = null;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
            {
                throw RegisteringConcurrently();
            }

            await db.Elections.Where(e => e.Id == election.Id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.RegistrationSecondsTotal, e => e.RegistrationSecondsTotal + seconds)
                .SetProperty(e => e.RegistrationsTimed, e => e.RegistrationsTimed + 1), ct);
            await transaction.CommitAsync(ct);
        }

        metrics.RegistrationsCompleted.Inc();
        LogRegistered(logger, election.Slug);
        return voter;
    }

    /// <summary>Two registrations with one invitation at once (a double click, two tabs): one wins, the other is told plainly.</summary>
    private static DomainException RegisteringConcurrently() => DomainException.Conflict("registration-in-progress",
        "This invitation was used to register a moment ago (perhaps from another tab). Sign in with the email address and the password you chose.");

    private async Task<(PilotVoter, Election)> FindAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            throw new DomainException("invitation-invalid", "This invitation link is not valid. Check that you copied the whole link from your invitation email.", StatusCodes.Status404NotFound);
        }

        var hash = Tokens.Hash(token);
        var voter = await db.PilotVoters.FirstOrDefaultAsync(v => v.InvitationTokenHash == hash, ct)
            ?? throw new DomainException("invitation-invalid",
                "This invitation link is not valid or has already been used. If you have registered, sign in instead; otherwise ask support for a new link.",
                StatusCodes.Status404NotFound);
        var election = await db.Elections.FirstAsync(e => e.Id == voter.ElectionId, ct);
        var now = clock.GetUtcNow();
        if (voter.InvitationExpiresAt is { } expires && now > expires)
        {
            throw DomainException.Formatted("invitation-expired", StatusCodes.Status410Gone, "This invitation expired on {0:yyyy-MM-dd HH:mm} UTC, when registration closed. Contact {1} for help.", expires, election.SupportEmail);
        }

        if (!ElectionStateMachine.AcceptsRegistration(election.State))
        {
            throw DomainException.Conflict("registration-closed", election.State == ElectionState.Draft
                ? "Registration for this election has not opened yet. Your invitation will work once it does."
                : "Registration for this election is closed.");
        }

        return (voter, election);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration started for {Slug}")]
    private static partial void LogStarted(ILogger logger, string slug);

    // No duration: beside the exact time of the line, a duration could be matched to a voter's own.
    [LoggerMessage(Level = LogLevel.Information, Message = "Registration completed for {Slug}")]
    private static partial void LogRegistered(ILogger logger, string slug);
}
