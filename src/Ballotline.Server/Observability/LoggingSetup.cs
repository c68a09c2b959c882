using Serilog;
using Serilog.Formatting.Compact;

namespace Ballotline.Server.Observability;

/// <summary>
/// Serilog: readable console output and the pilot log (compact JSON, one event per user action, with the
/// request's correlation id), rolled at 10 MB keeping 5 files by default. Nothing secret or choice-revealing is
/// ever logged: events carry tracking codes, durations and transaction hashes, never ballots or tokens.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddBallotlineLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(PilotLogOptions.Section).Get<PilotLogOptions>() ?? new PilotLogOptions();
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<SecretRedactor>()
            .WriteTo.Console(restrictedToMinimumLevel: options.ConsoleLevel, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new CompactJsonFormatter(), options.Path, fileSizeLimitBytes: options.FileSizeLimitBytes,
                rollOnFileSizeLimit: true, retainedFileCountLimit: options.RetainedFileCountLimit, shared: true),
            // Each host keeps its own logger: the static Log.Logger is process-wide, so two hosts in one process
            // (tests, or the CLI's rehearsal) would otherwise write to whichever log file was configured last.
            preserveStaticLogger: true);
        return builder;
    }
}
