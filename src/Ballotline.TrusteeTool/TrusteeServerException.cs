namespace Ballotline.TrusteeTool;

/// <summary>The server refused a step, or answered with nothing; the message carries its reason.</summary>
public sealed class TrusteeServerException : Exception
{
    public TrusteeServerException()
    {
    }

    public TrusteeServerException(string message)
        : base(message)
    {
    }

    public TrusteeServerException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
