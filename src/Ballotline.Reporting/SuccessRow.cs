namespace Ballotline.Reporting;

/// <summary>One row of the success-metrics table: the plan's target, what was measured (or why not), met or not.</summary>
public sealed record SuccessRow(SuccessTarget Target, string Metric, string Goal, string Actual, bool Met);
