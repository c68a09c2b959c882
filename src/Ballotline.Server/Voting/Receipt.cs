namespace Ballotline.Server.Voting;

/// <summary>What the voter keeps: enough to find the ballot in the public log and check it was counted.</summary>
public sealed record Receipt(
    string Election,
    string ElectionTitle,
    string TrackingCode,
    string ShortCode,
    long LogPosition,
    DateTimeOffset CastAt,
    Anchoring.BallotChainStatus Chain,
    string VerifyUrl);
