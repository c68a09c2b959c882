using System.Net;

namespace Ballotline.Cli.ServerApi;

/// <summary>The server refused a request of the simulation; the message carries the server's reason.</summary>
public sealed class PilotApiException : Exception
{
    public PilotApiException(string message, HttpStatusCode? status = null)
        : base(message) => Status = status;

    public PilotApiException()
    {
    }

    public PilotApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode? Status { get; }
}
