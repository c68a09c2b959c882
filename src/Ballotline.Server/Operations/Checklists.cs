using System.Globalization;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Operations;

/// <summary>
/// The pilot plan's pre-launch and launch-day checklists. Staff tick what only people can know; the system ticks
/// what it can tell itself — chain reachable, mail delivered, alerts configured, voters notified — with evidence.
/// </summary>
public sealed class Checklists(BallotlineDb db, ChainHealth chain, IOptions<Observability.Alerts.AlertOptions> alerts, TimeProvider clock)
{
    public sealed record Definition(string Key, string List, string Text, bool Automatic);

    public sealed record ItemView(string Key, string List, string Text, bool Automatic, bool Done, string? DoneBy, DateTimeOffset? DoneAt, string Evidence);

    public static readonly IReadOnlyList<Definition> Items =
    [
        new("systems-tested", "Pre-launch", "All systems tested and working (a full rehearsal was run)", false),
        new("support-briefed", "Pre-launch", "Support team briefed and ready", false),
        new("monitoring-tested", "Pre-launch", "Monitoring dashboards operational; alerts configured", true),
        new("chain-reachable", "Pre-launch", "The chain is reachable and anchoring", true),
        new("rollback-documented", "Pre-launch", "Rollback procedure documented (backup channel decided)", false),
        new("guides-distributed", "Pre-launch", "User guides distributed (help pages written)", true),
        new("voters-notified", "Pre-launch", "Pilot users notified (invitations delivered)", true),
        new("final-check", "Launch day", "Final system check", false),
        new("registration-enabled", "Launch day", "Voter registration enabled", true),
        new("launch-mail-sent", "Launch day", "Launch email sent to pilot users", true),
        new("first-registrations", "Launch day", "First registrations successful", true),
        new("tickets-watched", "Launch day", "Support tickets monitored", false),
        new("day-reviewed", "Launch day", "Day 1 metrics reviewed and issues documented", false),
    ];

    public async Task<IReadOnlyList<ItemView>> GetAsync(Guid electionId, CancellationToken ct)
    {
        var election = await db.Elections.AsNoTracking().FirstOrDefaultAsync(e => e.Id == electionId, ct) ?? throw DomainException.NotFound("The election");
        var ticked = await db.Checklist.AsNoTracking().Where(i => i.ElectionId == electionId).ToDictionaryAsync(i => i.Key, ct);
        var views = new List<ItemView>();
        foreach (var item in Items)
        {
            var (done, evidence) = item.Automatic ? await CheckAsync(item.Key, election, ct) : (false, string.Empty);
            if (!done && ticked.TryGetValue(item.Key, out var manual) && manual.Done)
            {
                views.Add(new ItemView(item.Key, item.List, item.Text, item.Automatic, true, manual.DoneBy, manual.DoneAt, manual.Evidence));
                continue;
            }

            views.Add(new ItemView(item.Key, item.List, item.Text, item.Automatic, done, done ? "system" : null, done ? clock.GetUtcNow() : null, evidence));
        }

        return views;
    }

    public async Task TickAsync(Guid electionId, string key, bool done, string? note, string actor, CancellationToken ct)
    {
        if (Items.All(i => i.Key != key))
        {
            throw DomainException.NotFound($"Checklist item '{key}'");
        }

        var item = await db.Checklist.FirstOrDefaultAsync(i => i.ElectionId == electionId && i.Key == key, ct)
            ?? db.Checklist.Add(new ChecklistItem { ElectionId = electionId, Key = key }).Entity;
        item.Done = done;
        item.DoneBy = done ? actor : null;
        item.DoneAt = done ? clock.GetUtcNow() : null;
        item.Evidence = note?.Trim() is { Length: <= 1000 } text ? text : item.Evidence;
        await db.SaveChangesAsync(ct);
    }

    private async Task<(bool, string)> CheckAsync(string key, Elections.Election election, CancellationToken ct)
    {
        var id = election.Id;
        switch (key)
        {
            case "monitoring-tested":
                return alerts.Value.OnCall.Count > 0
                    ? (true, $"{alerts.Value.OnCall.Count} on-call address(es) configured; {Observability.Alerts.AlertRules.For(alerts.Value).Count} alert rules evaluated every {alerts.Value.EvaluationSeconds.ToString(CultureInfo.InvariantCulture)} s")
                    : (false, "no on-call address (Alerts:OnCall) is configured");
            case "chain-reachable":
                return !chain.Configured ? (false, "no chain is configured")
                    : chain.RecordsLost is { } lost ? (false, "the chain lost this server's records: " + lost)
                    : chain.Connected ? (true, $"connected, block {chain.LatestBlock}") : (false, chain.LastError ?? "not contacted yet");
            case "guides-distributed":
                var pages = await db.HelpPages.CountAsync(ct);
                return (pages > 0, pages > 0 ? $"{pages} help page(s) edited for this pilot" : "the help pages still have the built-in text");
            case "voters-notified":
                var invited = await db.OutgoingMail.CountAsync(m => m.ElectionId == id && m.Kind == "invitation" && (m.Status == MailStatus.Sent || m.Status == MailStatus.Stored), ct);
                var group = await db.PilotVoters.CountAsync(v => v.ElectionId == id, ct);
                return (group > 0 && invited >= group, $"{invited} of {group} invitations delivered");
            case "registration-enabled":
                return (election.State != Elections.ElectionState.Draft, $"state: {election.State}");
            case "launch-mail-sent":
                var launched = await db.OutgoingMail.CountAsync(m => m.ElectionId == id && m.Kind == "launch" && (m.Status == MailStatus.Sent || m.Status == MailStatus.Stored), ct);
                return (launched > 0, $"{launched} launch message(s) delivered");
            case "first-registrations":
                var registered = await db.PilotVoters.CountAsync(v => v.ElectionId == id && v.RegisteredAt != null, ct);
                return (registered > 0, $"{registered} voter(s) registered");
            default:
                return (false, string.Empty);
        }
    }
}
