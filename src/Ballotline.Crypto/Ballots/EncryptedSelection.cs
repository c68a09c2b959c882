using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Ballots;

/// <summary>One candidate's encrypted 0 or 1, with the proof that it is 0 or 1.</summary>
public sealed record EncryptedSelection(string CandidateId, ElGamalCiphertext Ciphertext, RangeProof Proof);
