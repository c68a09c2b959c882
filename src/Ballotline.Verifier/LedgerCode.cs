using System.Reflection;
using System.Text.Json;

namespace Ballotline.Verifier;

/// <summary>
/// The runtime code a genuine BallotLedger deployment has: the compiled contract (contracts/build, embedded in
/// this assembly) with its one immutable, the authority address, written where the compiler left 32 zero bytes.
/// A contract whose code differs anywhere else is not BallotLedger — it could let anyone emit its events — and
/// one whose immutable is another address answers to someone other than the announced authority.
/// </summary>
public static class LedgerCode
{
    private static readonly Lazy<byte[]> Template = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("BallotLedger.json")
            ?? throw new InvalidOperationException("The BallotLedger artifact is not embedded in the verifier.");
        using var artifact = JsonDocument.Parse(stream);
        return Convert.FromHexString(artifact.RootElement.GetProperty("deployedBytecode").GetString()![2..]);
    });

    /// <summary>Null when <paramref name="code"/> is BallotLedger's with <paramref name="authority"/> as its authority; otherwise what differs.</summary>
    public static string? Mismatch(ReadOnlySpan<byte> code, string authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var template = Template.Value;
        if (code.Length == 0)
        {
            return "there is no contract at that address";
        }

        if (code.Length != template.Length)
        {
            return $"its code is {code.Length} bytes, BallotLedger's is {template.Length}: it is another contract";
        }

        var expectedWord = new byte[32];
        Convert.FromHexString(authority[2..]).CopyTo(expectedWord, 12);
        for (var i = 0; i < template.Length; i++)
        {
            if (code[i] == template[i])
            {
                continue;
            }

            // Only inside an immutable slot (PUSH32 of 32 zero bytes in the compiled code) may the bytes differ.
            var slot = ImmutableSlotContaining(template, i);
            if (slot < 0)
            {
                return $"its code differs from BallotLedger's at byte {i}: it is another contract";
            }

            if (!code.Slice(slot, 32).SequenceEqual(expectedWord))
            {
                return $"it is BallotLedger, but its authority is 0x{Convert.ToHexStringLower(code.Slice(slot + 12, 20))}, not the announced {authority}";
            }

            i = slot + 31;
        }

        return null;
    }

    private static int ImmutableSlotContaining(byte[] template, int index)
    {
        for (var start = Math.Max(1, index - 31); start <= index; start++)
        {
            if (template[start - 1] == 0x7f && start + 32 <= template.Length && template.AsSpan(start, 32).IndexOfAnyExcept((byte)0) < 0)
            {
                return start;
            }
        }

        return -1;
    }
}
