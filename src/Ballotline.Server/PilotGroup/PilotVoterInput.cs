namespace Ballotline.Server.PilotGroup;

/// <summary>
/// One member of the pilot group as typed or imported: group "technical"/"average", age band "18-29" … "60+", and
/// optionally the language they read ("en", "fr"; empty: English until they choose).
/// </summary>
public sealed record PilotVoterInput(string Name, string Email, string Group, string AgeBand, string? Location, string? Language = null);
