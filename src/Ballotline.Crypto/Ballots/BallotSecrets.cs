using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Ballots;

/// <summary>
/// The nonces that encrypted each selection, contest by contest. Kept by the voter's device only; revealing
/// them (a Benaloh challenge) lets anyone decrypt the ballot, which is then never counted.
/// </summary>
public sealed record BallotSecrets(IReadOnlyList<IReadOnlyList<Scalar>> SelectionNonces);
