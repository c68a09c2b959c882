using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ballotline.Crypto.Group;

/// <summary>
/// Where encryption nonces and proof commitments come from. Production code uses <see cref="Secure"/>;
/// <see cref="Deterministic"/> exists so that test vectors can be regenerated bit for bit.
/// </summary>
public abstract class NonceSource
{
    /// <summary>The operating system's CSPRNG.</summary>
    public static NonceSource Secure { get; } = new SecureNonceSource();

    /// <summary>
    /// Nonces derived from a seed with HMAC-SHA-256 in counter mode. Never use it for a real ballot:
    /// anyone who knows the seed can decrypt.
    /// </summary>
    public static NonceSource Deterministic(ReadOnlySpan<byte> seed) => new DeterministicNonceSource(seed.ToArray());

    /// <summary>The next scalar: uniformly random from the system's CSPRNG, or the next of a seeded sequence for test vectors.</summary>
    public abstract Scalar NextScalar();

    private sealed class SecureNonceSource : NonceSource
    {
        public override Scalar NextScalar() => Scalar.Random();
    }

    private sealed class DeterministicNonceSource(byte[] seed) : NonceSource
    {
        private long _counter;

        public override Scalar NextScalar()
        {
            Span<byte> input = stackalloc byte[9];
            Span<byte> wide = stackalloc byte[64];
            var counter = Interlocked.Increment(ref _counter);
            BinaryPrimitives.WriteInt64BigEndian(input[1..], counter);
            input[0] = 0;
            HMACSHA256.HashData(seed, input, wide[..32]);
            input[0] = 1;
            HMACSHA256.HashData(seed, input, wide[32..]);
            return Scalar.FromWideBytes(wide);
        }
    }
}
