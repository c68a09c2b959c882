using System.ComponentModel.DataAnnotations;

namespace Ballotline.Server.Observability;

/// <summary>Section <c>PilotLog</c>: the structured pilot log, compact JSON, rolled by size.</summary>
public sealed class PilotLogOptions
{
    public const string Section = "PilotLog";

    /// <summary>Relative paths are under the working directory (the pilot plan's <c>logs/pilot_election.log</c>).</summary>
    [Required]
    public string Path { get; set; } = "logs/pilot_election.log";

    [Range(1024, long.MaxValue)]
    public long FileSizeLimitBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1, 1000)]
    public int RetainedFileCountLimit { get; set; } = 5;

    /// <summary>The least severe event written to the console (the file keeps everything); the simulator's server is quiet.</summary>
    public Serilog.Events.LogEventLevel ConsoleLevel { get; set; } = Serilog.Events.LogEventLevel.Verbose;
}
