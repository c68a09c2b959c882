using System.Globalization;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Feedback;

/// <summary>Takes, edits and exports pilot feedback. Invalid values are refused with every problem named.</summary>
public sealed partial class FeedbackService(BallotlineDb db, PilotMetrics metrics, TimeProvider clock, ILogger<FeedbackService> logger)
{
    public const int MaxText = 2000;

    public async Task<FeedbackResponse?> FindAsync(Guid electionId, string userId, CancellationToken ct)
    {
        var voter = await VoterAsync(electionId, userId, ct);
        return await db.Feedback.AsNoTracking().FirstOrDefaultAsync(f => f.ElectionId == electionId && f.PilotVoterId == voter.Id, ct);
    }

    public async Task<FeedbackResponse> SubmitAsync(Guid electionId, string userId, FeedbackInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var voter = await VoterAsync(electionId, userId, ct);
        var election = await db.Elections.AsNoTracking().SingleAsync(e => e.Id == electionId, ct);
        var now = clock.GetUtcNow();
        // Kept to the day: voters answer minutes after casting.
        var today = Infrastructure.VoterTime.Day(now);
        if (now > election.FeedbackDeadline)
        {
            throw DomainException.Formatted("feedback-closed", StatusCodes.Status409Conflict, "Feedback closed on {0:yyyy-MM-dd HH:mm} UTC. Thank you for taking part.", election.FeedbackDeadline);
        }

        Validate(input);
        var response = await db.Feedback.FirstOrDefaultAsync(f => f.ElectionId == electionId && f.PilotVoterId == voter.Id, ct);
        var isNew = response is null;
        response ??= db.Feedback.Add(new FeedbackResponse { ElectionId = electionId, PilotVoterId = voter.Id, SubmittedAt = today }).Entity;
        response.Overall = input.Overall;
        response.RegistrationEase = input.RegistrationEase;
        response.VotingEase = input.VotingEase;
        response.VerificationClarity = input.VerificationClarity;
        response.WouldTrust = input.WouldTrust!.Value;
        response.WouldUseAgain = input.WouldUseAgain!.Value;
        response.WhatWorked = input.WhatWorked?.Trim() ?? string.Empty;
        response.WhatConfused = input.WhatConfused?.Trim() ?? string.Empty;
        response.Suggestions = input.Suggestions?.Trim() ?? string.Empty;
        response.TechnicalIssues = input.TechnicalIssues?.Trim() ?? string.Empty;
        response.InterviewConsent = input.InterviewConsent;
        response.UpdatedAt = today;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when ((isNew && Infrastructure.DbErrors.IsUniqueViolation(e)) || (!isNew && e is DbUpdateConcurrencyException))
        {
            // The same voter's answer sent twice at once: the other request created it; this one is saved as its edit.
            // Or an edit met the close, which re-writes every answer under a new key (Elections/VoterOrder): it is
            // saved on the answer as re-written.
            db.ChangeTracker.Clear();
            return await SubmitAsync(electionId, userId, input, ct);
        }

        if (isNew)
        {
            metrics.FeedbackResponses.Inc();
        }

        LogFeedback(logger, election.Slug, isNew ? "submitted" : "edited");
        return response;
    }

    /// <summary>CSV with the pilot plan's columns; voter identity only when asked for.</summary>
    public async Task<string> ExportCsvAsync(Guid electionId, bool withIdentity, CancellationToken ct)
    {
        var rows = await db.Feedback.AsNoTracking().Where(f => f.ElectionId == electionId).OrderBy(f => f.Id).ToListAsync(ct);
        var voters = withIdentity
            ? await db.PilotVoters.AsNoTracking().Where(v => v.ElectionId == electionId).ToDictionaryAsync(v => v.Id, ct)
            : [];
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvExport.Writer(text))
        {
            string[] columns = ["overall", "registration_ease", "voting_ease", "verification_clarity", "would_trust", "would_use_again", "what_worked", "what_confused", "suggestions", "technical_issues"];
            foreach (var column in withIdentity ? [.. columns, "name", "email"] : columns)
            {
                csv.WriteField(column);
            }

            await csv.NextRecordAsync();
            foreach (var r in rows)
            {
                csv.WriteField(r.Overall);
                csv.WriteField(r.RegistrationEase);
                csv.WriteField(r.VotingEase);
                csv.WriteField(r.VerificationClarity);
                csv.WriteField(r.WouldTrust ? "yes" : "no");
                csv.WriteField(r.WouldUseAgain ? "yes" : "no");
                csv.WriteField(r.WhatWorked);
                csv.WriteField(r.WhatConfused);
                csv.WriteField(r.Suggestions);
                csv.WriteField(r.TechnicalIssues);
                if (withIdentity)
                {
                    var voter = voters.GetValueOrDefault(r.PilotVoterId);
                    csv.WriteField(voter?.Name ?? string.Empty);
                    csv.WriteField(voter?.Email ?? string.Empty);
                }

                await csv.NextRecordAsync();
            }
        }

        return text.ToString();
    }

    private static void Validate(FeedbackInput input)
    {
        var errors = new List<string>();
        void Rating(int value, string question)
        {
            if (value is < 1 or > 5)
            {
                errors.Add($"{question}: choose 1 to 5 stars (got {value}).");
            }
        }

        Rating(input.Overall, "Overall experience");
        Rating(input.RegistrationEase, "Ease of registration");
        Rating(input.VotingEase, "Ease of voting");
        Rating(input.VerificationClarity, "Blockchain verification clarity");
        if (input.WouldTrust is null)
        {
            errors.Add("Would you trust this for real elections: answer yes or no.");
        }

        if (input.WouldUseAgain is null)
        {
            errors.Add("Would you use it again: answer yes or no.");
        }

        foreach (var (text, question) in new[] { (input.WhatWorked, "What worked well"), (input.WhatConfused, "What was confusing"), (input.Suggestions, "Suggestions"), (input.TechnicalIssues, "Technical issues") })
        {
            if (text?.Length > MaxText)
            {
                errors.Add($"{question}: at most {MaxText:N0} characters (you wrote {text.Length:N0}).");
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException("invalid-feedback", "The feedback was not saved: " + string.Join(" ", errors), StatusCodes.Status400BadRequest, errors);
        }
    }

    private async Task<PilotGroup.PilotVoter> VoterAsync(Guid electionId, string userId, CancellationToken ct) =>
        await db.PilotVoters.AsNoTracking().FirstOrDefaultAsync(v => v.ElectionId == electionId && v.UserId == userId && v.RegisteredAt != null, ct)
            ?? throw new DomainException("not-a-voter", "Only registered voters of this election can give its feedback.", StatusCodes.Status403Forbidden);

    // No answer in the line: its exact time (minutes after a cast) beside a rating the voter's row also holds would
    // say who answered then.
    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback {Change} for {Slug}")]
    private static partial void LogFeedback(ILogger logger, string slug, string change);
}
