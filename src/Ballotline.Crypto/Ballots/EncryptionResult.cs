namespace Ballotline.Crypto.Ballots;

/// <summary>What encrypting a ballot yields: the public encrypted ballot and the secrets needed to audit it.</summary>
public sealed record EncryptionResult(EncryptedBallot Ballot, BallotSecrets Secrets);
