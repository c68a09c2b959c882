namespace Ballotline.Server.PilotGroup;

/// <summary>A freshly issued invitation; <see cref="Token"/> exists only in this response and the voter's link.</summary>
public sealed record Invitation(Guid VoterId, string Name, string Email, string Token)
{
    public string Link(string baseUrl) => $"{baseUrl.TrimEnd('/')}/register/{Token}";
}
