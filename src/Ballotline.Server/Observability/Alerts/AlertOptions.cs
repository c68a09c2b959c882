using System.ComponentModel.DataAnnotations;

namespace Ballotline.Server.Observability.Alerts;

/// <summary>Section <c>Alerts</c>: thresholds (the pilot plan's defaults) and who is told.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    [Range(0, 1)]
    public double TransactionFailureRate { get; set; } = 0.05;

    [Range(0, 1)]
    public double SystemErrorRate { get; set; } = 0.01;

    [Range(1, 100)]
    public double GasPriceSpikeFactor { get; set; } = 1.5;

    [Range(1, 86_400)]
    public double TransactionSeconds { get; set; } = 60;

    [Range(0, 1)]
    public double SupportTicketRate { get; set; } = 0.10;

    [Range(0, 1)]
    public double MinimumCompletion { get; set; } = 0.80;

    /// <summary>Completion is judged once this much of the voting window has passed.</summary>
    [Range(0, 1)]
    public double CompletionCheckAfter { get; set; } = 0.75;

    [Range(1, 3600)]
    public double EvaluationSeconds { get; set; } = 15;

    /// <summary>Addresses emailed when an alert fires and when it resolves.</summary>
    public IList<string> OnCall { get; } = [];
}
