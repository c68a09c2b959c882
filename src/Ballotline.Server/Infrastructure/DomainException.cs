using System.Globalization;

namespace Ballotline.Server.Infrastructure;

/// <summary>
/// A refusal the user can act on (wrong state, bad input, already voted). Pages show <see cref="Exception.Message"/>;
/// the API returns it as ProblemDetails with <see cref="StatusCode"/> and <see cref="Code"/>. A page shows the message in
/// the voter's language: <see cref="MessageFormat"/> (the English text, with {0}… where data goes) is the key of its
/// translation in <c>Languages/VoterText</c>.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message, int statusCode = StatusCodes.Status400BadRequest, IReadOnlyList<string>? details = null)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
        Details = details ?? [];
    }

    public DomainException()
        : this("error", "The request could not be completed.")
    {
    }

    public DomainException(string message)
        : this("error", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "error";
        StatusCode = StatusCodes.Status400BadRequest;
        Details = [];
    }

    public string Code { get; }

    /// <summary>The message before its data was put in; the message itself when it carries none.</summary>
    public string MessageFormat => _format ?? Message;

    /// <summary>The data of <see cref="MessageFormat"/>: dates, addresses, an organiser's reason.</summary>
    public IReadOnlyList<object> MessageArguments { get; private init; } = [];

    private string? _format;

    public int StatusCode { get; }

    /// <summary>For a refusal that will pass (503): when to try again, sent as Retry-After.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Itemised problems, e.g. every bad CSV row by line number.</summary>
    public IReadOnlyList<string> Details { get; }

    /// <summary>A refusal whose message has data in it, so that a page can translate the words around the data.</summary>
    public static DomainException Formatted(string code, int statusCode, string format, params object[] arguments) =>
        new(code, string.Format(CultureInfo.InvariantCulture, format, arguments), statusCode) { _format = format, MessageArguments = arguments };

    public static DomainException NotFound(string what) => new("not-found", $"{what} was not found.", StatusCodes.Status404NotFound);

    public static DomainException Conflict(string code, string message) => new(code, message, StatusCodes.Status409Conflict);

    /// <summary>The chain could not be reached for a voter-facing read: 503 with Retry-After, never a 500.</summary>
    public static DomainException ChainUnavailable(string message) => new("chain-unavailable", message, StatusCodes.Status503ServiceUnavailable) { RetryAfterSeconds = 30 };
}
