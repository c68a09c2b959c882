using Ballotline.Reporting;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.PilotGroup;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Reports;

/// <summary>
/// The feedback analysis of one election. Each answer carries only its author's voter group and age band from
/// the pilot group: the analysis never sees a name or an address.
/// </summary>
public sealed class FeedbackReport(BallotlineDb db)
{
    public async Task<FeedbackAnalysis> AnalyzeAsync(Guid electionId, CancellationToken ct)
    {
        if (!await db.Elections.AnyAsync(e => e.Id == electionId, ct))
        {
            throw DomainException.NotFound("The election");
        }

        var rows = await (from f in db.Feedback.AsNoTracking()
                          join v in db.PilotVoters.AsNoTracking() on f.PilotVoterId equals v.Id
                          where f.ElectionId == electionId
                          orderby f.Id
                          select new { v.Group, v.AgeBand, f }).ToListAsync(ct);
        return FeedbackAnalysis.Analyze([.. rows.Select(r => new FeedbackAnswer(
            PilotVoterParser.Label(r.Group), PilotVoterParser.Label(r.AgeBand), r.f.Overall, r.f.RegistrationEase, r.f.VotingEase, r.f.VerificationClarity,
            r.f.WouldTrust, r.f.WouldUseAgain, r.f.WhatWorked, r.f.WhatConfused, r.f.Suggestions, r.f.TechnicalIssues))]);
    }
}
