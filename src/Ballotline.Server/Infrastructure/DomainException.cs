namespace Ballotline.Server.Infrastructure;

/// <summary>
/// A refusal the user can act on (wrong state, bad input, already voted). Pages show <see cref="Exception.Message"/>;
/// the API returns it as ProblemDetails with <see cref="StatusCode"/> and <see cref="Code"/>.
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

    public int StatusCode { get; }

    /// <summary>For a refusal that will pass (503): when to try again, sent as Retry-After.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Itemised problems, e.g. every bad CSV row by line number.</summary>
    public IReadOnlyList<string> Details { get; }

    public static DomainException NotFound(string what) => new("not-found", $"{what} was not found.", StatusCodes.Status404NotFound);

    public static DomainException Conflict(string code, string message) => new(code, message, StatusCodes.Status409Conflict);

    /// <summary>The chain could not be reached for a voter-facing read: 503 with Retry-After, never a 500.</summary>
    public static DomainException ChainUnavailable(string message) => new("chain-unavailable", message, StatusCodes.Status503ServiceUnavailable) { RetryAfterSeconds = 30 };
}
