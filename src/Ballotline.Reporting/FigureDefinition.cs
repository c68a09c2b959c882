namespace Ballotline.Reporting;

/// <summary>One figure of the reports: its name, the population it counts over, and its formula with its unit.</summary>
public sealed record FigureDefinition(string Name, string Population, string Formula);
