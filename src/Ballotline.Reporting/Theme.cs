namespace Ballotline.Reporting;

/// <summary>A word or two-word phrase from free-text answers, how many answers mention it, and one of them quoted.</summary>
public sealed record Theme(string Phrase, int Answers, string Quote);
