using Ballotline.Server.Elections;

namespace Ballotline.Server.Voting;

/// <summary>
/// A verified ballot waiting to be appended to its election's box: everything the append writes, worked out before it
/// queues (the serialised ballot, the finality notice's protected recipient), so that the serial part stays short.
/// </summary>
/// <param name="Election">The election as the cast read it (its window is checked again at the append's time).</param>
/// <param name="VoterId">The voter who goes on the roll.</param>
/// <param name="TrackingCode">The ballot's full tracking code (the box's unique key).</param>
/// <param name="ShortCode">Its short form.</param>
/// <param name="BallotJson">The encrypted ballot as stored.</param>
/// <param name="ProtectedRecipient">The finality notice's encrypted recipient, or null when the election sends none.</param>
internal sealed record PendingCast(Election Election, Guid VoterId, string TrackingCode, string ShortCode, string BallotJson, string? ProtectedRecipient)
{
    /// <summary>Completed with the ballot's log position and time once its batch commits, or with the refusal.</summary>
    public TaskCompletionSource<AppendedCast> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Where and when a ballot went into the box.</summary>
/// <param name="Position">Its log position.</param>
/// <param name="CastAt">The time of its batch's append.</param>
internal readonly record struct AppendedCast(long Position, DateTimeOffset CastAt);
