namespace Ballotline.Server.PilotGroup;

/// <summary>Age bands the pilot must cover, written as in the CSV: 18-29, 30-44, 45-59, 60+.</summary>
public enum AgeBand
{
    From18To29,
    From30To44,
    From45To59,
    From60,
}
