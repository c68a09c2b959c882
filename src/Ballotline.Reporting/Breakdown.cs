namespace Ballotline.Reporting;

/// <summary>The headline figures for one part of the group (a voter group or an age band).</summary>
public sealed record Breakdown(string Key, int Responses, double MeanOverall, double WouldTrustShare, double WouldUseAgainShare);
