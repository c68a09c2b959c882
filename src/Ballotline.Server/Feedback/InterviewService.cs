using System.Security.Cryptography;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Mail;
using Ballotline.Server.PilotGroup;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Feedback;

/// <summary>
/// The plan's user interviews: choose 10–15 participants among those who agreed in the feedback form, balanced
/// across the pilot group's strata (technical / average × age band: one from each stratum in turn, in random
/// order, so no stratum gets two before every stratum that still has someone got one), invite them by mail, and
/// keep the interviewer's notes.
/// </summary>
public sealed class InterviewService(BallotlineDb db, MailOutbox outbox, Microsoft.Extensions.Localization.IStringLocalizer<Languages.VoterText> words, TimeProvider clock)
{
    public const int MinInterviews = 10;
    public const int MaxInterviews = 15;
    public const int MaxNotes = 8000;

    public sealed record InterviewView(long Id, string Name, string Email, string Group, string AgeBand, DateTimeOffset InvitedAt, string Notes, DateTimeOffset? NotesUpdatedAt);

    public async Task<IReadOnlyList<InterviewView>> ListAsync(Guid electionId, CancellationToken ct) =>
        (await (from i in db.Interviews.AsNoTracking()
                join v in db.PilotVoters.AsNoTracking() on i.PilotVoterId equals v.Id
                where i.ElectionId == electionId
                select new { i, v.Name, v.Email, v.Group, v.AgeBand }).ToListAsync(ct))
        .OrderBy(x => x.i.Id)
        .Select(x => new InterviewView(x.i.Id, x.Name, x.Email, PilotVoterParser.Label(x.Group), PilotVoterParser.Label(x.AgeBand), x.i.InvitedAt, x.i.Notes, x.i.NotesUpdatedAt)).ToList();

    /// <summary>Chooses up to <paramref name="count"/> more interviewees among those who agreed and invites them; returns those chosen now.</summary>
    public async Task<IReadOnlyList<InterviewView>> ChooseAndInviteAsync(Guid electionId, int count, CancellationToken ct)
    {
        if (count is < MinInterviews or > MaxInterviews)
        {
            throw new DomainException("invalid-interview-count", $"Choose {MinInterviews} to {MaxInterviews} participants, as the plan asks (not {count}).");
        }

        var election = await db.Elections.AsNoTracking().FirstOrDefaultAsync(e => e.Id == electionId, ct) ?? throw DomainException.NotFound("The election");
        var chosenBefore = await db.Interviews.Where(i => i.ElectionId == electionId).Select(i => i.PilotVoterId).ToListAsync(ct);
        var willing = await (from f in db.Feedback.AsNoTracking()
                             join v in db.PilotVoters.AsNoTracking() on f.PilotVoterId equals v.Id
                             where f.ElectionId == electionId && f.InterviewConsent && !chosenBefore.Contains(v.Id)
                             select new { v.Id, v.Name, v.Email, v.Group, v.AgeBand, v.Language }).ToListAsync(ct);
        if (willing.Count == 0)
        {
            throw DomainException.Conflict("no-interview-consent", "Nobody else has agreed to an interview in the feedback form yet.");
        }

        // Round robin over the strata in random order, each stratum shuffled: balanced, and nobody chosen by list position.
        var strata = willing.GroupBy(v => (v.Group, v.AgeBand)).Select(g => new Queue<Guid>(Shuffled(g.Select(v => v.Id)))).ToArray();
        RandomNumberGenerator.Shuffle(strata.AsSpan());
        var chosen = new List<Guid>();
        while (chosen.Count < count && strata.Any(s => s.Count > 0))
        {
            foreach (var stratum in strata.Where(s => s.Count > 0))
            {
                if (chosen.Count == count)
                {
                    break;
                }

                chosen.Add(stratum.Dequeue());
            }
        }

        var now = clock.GetUtcNow();
        foreach (var voter in willing.Where(v => chosen.Contains(v.Id)))
        {
            db.Interviews.Add(new Interview { ElectionId = electionId, PilotVoterId = voter.Id, InvitedAt = now });
            using (Languages.VoterLanguages.Use(voter.Language))
            {
                await outbox.EnqueueAsync("interview", $"interview:{electionId}:{voter.Id}", voter.Email, words["{0}: a short interview about the pilot?", election.Title],
                    $"{words["Dear {0},", voter.Name]}\n\n{words["Thank you for your feedback on {0}, and for agreeing to a short interview. We would like to hear how voting went for you — 15 to 20 minutes, by phone or video, at a time that suits you.", election.Title]}\n\n"
                    + $"{words["Please answer this message, or write to {0}, with two or three times you are free.", election.SupportEmail]}\n\n{words["Thank you,"]}\n{words["The pilot organisers"]}", electionId, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        var chosenEmails = willing.Where(v => chosen.Contains(v.Id)).Select(v => v.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. (await ListAsync(electionId, ct)).Where(i => chosenEmails.Contains(i.Email))];
    }

    private static Guid[] Shuffled(IEnumerable<Guid> ids)
    {
        var array = ids.ToArray();
        RandomNumberGenerator.Shuffle(array.AsSpan());
        return array;
    }

    public async Task<InterviewView> RecordNotesAsync(Guid electionId, long id, string? notes, CancellationToken ct)
    {
        if ((notes?.Length ?? 0) > MaxNotes)
        {
            throw new DomainException("invalid-notes", $"Interview notes: at most {MaxNotes:N0} characters.");
        }

        var interview = await db.Interviews.FirstOrDefaultAsync(i => i.Id == id && i.ElectionId == electionId, ct) ?? throw DomainException.NotFound("The interview");
        interview.Notes = notes?.Trim() ?? string.Empty;
        interview.NotesUpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (await ListAsync(electionId, ct)).Single(i => i.Id == id);
    }
}
