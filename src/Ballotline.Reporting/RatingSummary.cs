namespace Ballotline.Reporting;

/// <summary>Mean, median and distribution of one 1–5 rating. <see cref="Distribution"/>[0] counts the 1s.</summary>
public sealed record RatingSummary(string Question, int Count, double Mean, double Median, IReadOnlyList<int> Distribution);
