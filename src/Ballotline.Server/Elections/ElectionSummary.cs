namespace Ballotline.Server.Elections;

/// <summary>An election as the API shows it (no secrets, no protected key).</summary>
public sealed record ElectionSummary(
    Guid Id, string Slug, string Title, string Description, bool IsTest, string State, IReadOnlyList<ContestSpec> Contests,
    DateTimeOffset RegistrationOpensAt, DateTimeOffset RegistrationClosesAt, DateTimeOffset VotingOpensAt, DateTimeOffset VotingClosesAt,
    DateTimeOffset FeedbackDeadline, string SupportEmail, string SupportHours, string? PauseReason, string? ContextHash, long Ballots)
{
    public static ElectionSummary Of(Election e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Slug, e.Title, e.Description, e.IsTest, e.State.ToString(), e.Contests, e.RegistrationOpensAt, e.RegistrationClosesAt,
            e.VotingOpensAt, e.VotingClosesAt, e.FeedbackDeadline, e.SupportEmail, e.SupportHours, e.PauseReason, e.ContextHash, e.BallotCount);
    }
}
