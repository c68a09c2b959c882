using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability;

var builder = WebApplication.CreateBuilder(args);
if (args.Length == 2 && args[0] == "--write-alert-rules")
{
    // The Prometheus rules file is generated from the same definitions the in-app evaluator uses.
    var options = builder.Configuration.GetSection(Ballotline.Server.Observability.Alerts.AlertOptions.Section).Get<Ballotline.Server.Observability.Alerts.AlertOptions>() ?? new();
    File.WriteAllText(args[1], Ballotline.Server.Observability.Alerts.PrometheusRuleFile.Render(Ballotline.Server.Observability.Alerts.AlertRules.For(options)));
    Console.WriteLine($"Wrote {args[1]}");
    return;
}

builder.AddBallotlineLogging();
builder.AddBallotline();

var app = builder.Build();
app.UseBallotline();
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
