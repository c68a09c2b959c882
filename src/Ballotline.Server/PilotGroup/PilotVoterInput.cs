namespace Ballotline.Server.PilotGroup;

/// <summary>One member of the pilot group as typed or imported: group "technical"/"average", age band "18-29" … "60+".</summary>
public sealed record PilotVoterInput(string Name, string Email, string Group, string AgeBand, string? Location);
