using Ballotline.Server.Elections;

namespace Ballotline.Server.Pages.Admin;

/// <summary>The election form as the browser posts it; times are UTC.</summary>
public sealed class EditElectionForm
{
    public string Title { get; set; } = string.Empty;

    public string Slug { get; set; } = string.Empty;

    public string? Description { get; set; }

    public bool IsTest { get; set; } = true;

    public string Ballot { get; set; } = "# Choose a name for the project (choose 1)\nAurora\nBeacon\nCompass\n";

    public DateTime RegistrationOpensAt { get; set; } = Hour(0);

    public DateTime RegistrationClosesAt { get; set; } = Hour(24 * 5);

    public DateTime VotingOpensAt { get; set; } = Hour(24);

    public DateTime VotingClosesAt { get; set; } = Hour(24 * 5);

    public DateTime FeedbackDeadline { get; set; } = Hour(24 * 7);

    public string SupportEmail { get; set; } = string.Empty;

    public string? SupportHours { get; set; } = "9 AM – 6 PM";

    public Anchoring.RecordingMode RecordingMode { get; set; } = Anchoring.RecordingMode.Batched;

    public bool EmailWhenFinal { get; set; }

    public ElectionInput ToInput() => new(Slug?.Trim() ?? string.Empty, Title, Description, IsTest, ContestText.Parse(Ballot),
        Utc(RegistrationOpensAt), Utc(RegistrationClosesAt), Utc(VotingOpensAt), Utc(VotingClosesAt), Utc(FeedbackDeadline), SupportEmail, SupportHours,
        RecordingMode, EmailWhenFinal);

    public static EditElectionForm From(Election e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new()
        {
            Title = e.Title,
            Slug = e.Slug,
            Description = e.Description,
            IsTest = e.IsTest,
            Ballot = ContestText.Format(e.Contests),
            RegistrationOpensAt = e.RegistrationOpensAt.UtcDateTime,
            RegistrationClosesAt = e.RegistrationClosesAt.UtcDateTime,
            VotingOpensAt = e.VotingOpensAt.UtcDateTime,
            VotingClosesAt = e.VotingClosesAt.UtcDateTime,
            FeedbackDeadline = e.FeedbackDeadline.UtcDateTime,
            SupportEmail = e.SupportEmail,
            SupportHours = e.SupportHours,
        };
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private static DateTime Hour(int hoursFromNow)
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(hoursFromNow + 1);
    }
}
