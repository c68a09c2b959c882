using Ballotline.Server.Accounts;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Reviews;

/// <summary>
/// Mails each running election's daily review once a day, after <see cref="DailyReviewOptions.DailyHourUtc"/>, to
/// the configured recipients or every administrator. The outbox's de-duplication key (election and day) makes it
/// once per day even with several instances or a restart.
/// </summary>
public sealed partial class DailyReviewSender(IServiceProvider services, IOptionsMonitor<DailyReviewOptions> options, TimeProvider clock, ILogger<DailyReviewSender> logger) : PeriodicWork(clock)
{
    private static readonly ElectionState[] Reviewed = [ElectionState.RegistrationOpen, ElectionState.VotingOpen, ElectionState.Paused, ElectionState.Closed];

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = Clock.GetUtcNow();
        if (!settings.Enabled || now.Hour < settings.DailyHourUtc)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
        var elections = await db.Elections.AsNoTracking().Where(e => Reviewed.Contains(e.State)).Select(e => new { e.Id, e.Title }).ToListAsync(ct);
        if (elections.Count == 0)
        {
            return;
        }

        var recipients = settings.Recipients.Length > 0
            ? settings.Recipients
            : [.. (await scope.ServiceProvider.GetRequiredService<UserManager<BallotlineUser>>().GetUsersInRoleAsync(Roles.Administrator)).Select(u => u.Email).OfType<string>()];
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var builder = scope.ServiceProvider.GetRequiredService<DailyReviewBuilder>();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        foreach (var election in elections)
        {
            var markdown = await builder.MarkdownAsync(election.Id, day, ct);
            foreach (var to in recipients)
            {
                if (await outbox.EnqueueAsync("daily-review", $"daily-review:{election.Id}:{day:yyyy-MM-dd}:{to.ToUpperInvariant()}", to,
                    $"Daily review: {election.Title}, {day:yyyy-MM-dd}", markdown, election.Id, ct))
                {
                    LogQueued(logger, election.Id, day);
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    protected override void OnPassFailed(Exception exception) => LogFailed(logger, exception.Message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily review of election {ElectionId} for {Day} queued")]
    private static partial void LogQueued(ILogger logger, Guid electionId, DateOnly day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Daily review pass failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
