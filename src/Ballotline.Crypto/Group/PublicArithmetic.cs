namespace Ballotline.Crypto.Group;

/// <summary>
/// Which implementation of secp256k1 checks proofs: the multiplications by public scalars, in variable time.
/// Both give the same answers (tests cross-check them on random and on exceptional inputs), so this is a choice of
/// speed and of independence. The server checks each ballot it receives with <see cref="Native"/>; the election
/// verifier re-checks the record with <see cref="BouncyCastle"/>, so that one library's bug cannot make the server
/// and the verifier accept the same bad ballot.
/// </summary>
public enum PublicArithmetic
{
    /// <summary>libsecp256k1, the C library Bitcoin Core uses, shipped native in the Secp256k1.Net package (about 3× faster).</summary>
    Native,

    /// <summary>BouncyCastle's managed secp256k1 (the reference implementation, runs wherever .NET runs).</summary>
    BouncyCastle,
}
