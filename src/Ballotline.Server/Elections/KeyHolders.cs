namespace Ballotline.Server.Elections;

/// <summary>Who can decrypt an election's count, said the same way on every page and in every mail.</summary>
public static class KeyHolders
{
    /// <summary>"the organiser, with a passphrase …" or "any 3 of its 5 trustees together", for the sentence "… can decrypt".</summary>
    public static string Describe(int trusteeCount, int quorum) => trusteeCount <= 1
        ? "only the organiser, with the election key's passphrase, which Ballotline does not store"
        : $"only {quorum} of the election's {trusteeCount} trustees together, each with a key share kept on their own computer";

    /// <summary>The full sentence for voters: who decrypts, and that only the total is ever decrypted.</summary>
    public static string Sentence(int trusteeCount, int quorum) =>
        $"Your ballot is encrypted: {Describe(trusteeCount, quorum)} can decrypt the count, and they decrypt only the total — never one ballot.";
}
