namespace Ballotline.Reporting;

/// <summary>One step of the pilot funnel and how many voters (or checks) reached it.</summary>
public sealed record FunnelStep(string Step, int Count);

/// <summary>
/// The pilot funnel, invited → feedback, named once for the live dashboard and every report. A step may exceed
/// the one before it: programs can cast without opening the ballot page, and a voter may verify twice.
/// </summary>
public static class PilotFunnel
{
    public static IReadOnlyList<FunnelStep> Of(int invited, int registrationStarted, int registered, int ballotOpened, int cast, int verifiedChecks, int feedback) =>
    [
        new("invited", invited),
        new("registration started", registrationStarted),
        new("registered", registered),
        new("ballot opened", ballotOpened),
        new("cast", cast),
        new("verified (successful checks)", verifiedChecks),
        new("feedback", feedback),
    ];
}
