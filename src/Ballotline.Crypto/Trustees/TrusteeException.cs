namespace Ballotline.Crypto.Trustees;

/// <summary>A trustee's contribution (commitment, key share or decryption share) is wrong; names the trustee.</summary>
public sealed class TrusteeException : Exception
{
    public TrusteeException(IReadOnlyList<int> trustees, string check, string message)
        : base(message)
    {
        Trustees = trustees;
        Check = check;
    }

    public TrusteeException()
        : this([], "trustee", "A trustee's contribution is wrong.")
    {
    }

    public TrusteeException(string message)
        : this([], "trustee", message)
    {
    }

    public TrusteeException(string message, Exception inner)
        : base(message, inner)
    {
        Trustees = [];
        Check = "trustee";
    }

    /// <summary>The 1-based indices of the trustees at fault (or missing).</summary>
    public IReadOnlyList<int> Trustees { get; }

    public string Check { get; }
}
