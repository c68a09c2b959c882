namespace Ballotline.Server.Voting;

/// <summary>A challenged ballot as published: its tracking code, what it opened to (with candidates' names), never counted.</summary>
public sealed record SpoiledBallotView(string TrackingCode, string ShortCode, IReadOnlyList<SpoiledContestView> Contests, DateTimeOffset SpoiledHour);

public sealed record SpoiledContestView(string ContestId, string Title, IReadOnlyList<string> SelectedIds, IReadOnlyList<string> SelectedNames);
