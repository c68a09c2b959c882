using Microsoft.Extensions.Localization;

namespace Ballotline.Server.Elections;

/// <summary>Who can decrypt an election's count, said the same way on every page and in every mail, in the voter's language.</summary>
public static class KeyHolders
{
    /// <summary>The full sentence for voters: who decrypts, and that only the total is ever decrypted.</summary>
    public static string Sentence(int trusteeCount, int quorum, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return trusteeCount <= 1
            ? text["Your ballot is encrypted: only the organiser, with the election key's passphrase, which Ballotline does not store, can decrypt the count, and they decrypt only the total — never one ballot."]
            : text["Your ballot is encrypted: only {0} of the election's {1} trustees together, each with a key share kept on their own computer, can decrypt the count, and they decrypt only the total — never one ballot.", quorum, trusteeCount];
    }
}
