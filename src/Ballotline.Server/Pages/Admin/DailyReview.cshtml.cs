using Ballotline.Reporting;
using Ballotline.Server.Reviews;
using Markdig;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Pages.Admin;

/// <summary>The daily review as a page: the same digest the organisers receive by mail, for any day.</summary>
public sealed class DailyReviewModel(DailyReviewBuilder reviews, IOptions<DailyReviewOptions> options, TimeProvider clock) : BallotlinePage
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    public string Html { get; private set; } = string.Empty;

    public int Hour => options.Value.DailyHourUtc;

    public string DayText => Day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    public async Task OnGetAsync()
    {
        Day ??= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Html = SafeMarkdown.ToHtml(await reviews.MarkdownAsync(Id, Day.Value, HttpContext.RequestAborted), Pipeline);
    }
}
