namespace Ballotline.Crypto.Trustees;

/// <summary>The decrypted values, the partial decryptions they were combined from, and the trustees set aside and why.</summary>
public sealed record ThresholdDecryptionResult(
    IReadOnlyList<long> Values,
    IReadOnlyList<PartialDecryption> Used,
    IReadOnlyDictionary<int, string> Rejected);
