namespace Ballotline.Crypto.ElGamal;

/// <summary>A ciphertext together with the nonce that made it; the nonce is secret unless the ballot is audited.</summary>
public sealed record ElGamalEncryption(ElGamalCiphertext Ciphertext, Group.Scalar Nonce);
