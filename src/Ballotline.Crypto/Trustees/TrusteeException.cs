namespace Ballotline.Crypto.Trustees;

/// <summary>A trustee's contribution (commitment, key share or decryption share) is wrong; names the trustee.</summary>
public sealed class TrusteeException : Exception
{
    /// <summary>A key-ceremony or decryption step refused, naming the trustees at fault and the check.</summary>
    public TrusteeException(IReadOnlyList<int> trustees, string check, string message)
        : base(message)
    {
        Trustees = trustees;
        Check = check;
    }

    /// <summary>A trustee step refused for an unnamed reason.</summary>
    public TrusteeException()
        : this([], "trustee", "A trustee's contribution is wrong.")
    {
    }

    /// <summary>A trustee step refused, with the reason.</summary>
    public TrusteeException(string message)
        : this([], "trustee", message)
    {
    }

    /// <summary>A trustee step refused, with the reason and the error that revealed it.</summary>
    public TrusteeException(string message, Exception inner)
        : base(message, inner)
    {
        Trustees = [];
        Check = "trustee";
    }

    /// <summary>The 1-based indices of the trustees at fault (or missing).</summary>
    public IReadOnlyList<int> Trustees { get; }

    /// <summary>The check that failed.</summary>
    public string Check { get; }
}
