namespace Ballotline.Server.PilotGroup;

/// <summary>
/// A freshly issued invitation; <see cref="Token"/> exists only in this response and the voter's link. A voter whose
/// language is known gets a link that opens the registration page in it.
/// </summary>
public sealed record Invitation(Guid VoterId, string Name, string Email, string Token, string? Language = null)
{
    public string Link(string baseUrl) => $"{baseUrl.TrimEnd('/')}/register/{Token}"
        + (Language is null || Language == Languages.VoterLanguages.Default ? string.Empty : $"?culture={Language}");
}
