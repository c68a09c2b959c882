using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Tests;

/// <summary>Nonces chosen by the test, in order: a prover fed these makes a proof with known values (e.g. an identity commitment).</summary>
internal sealed class ScriptedNonces(params Scalar[] script) : NonceSource
{
    private int _next;

    public override Scalar NextScalar() => script[_next++];
}
