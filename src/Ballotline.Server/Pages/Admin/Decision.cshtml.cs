using Ballotline.Reporting;
using Ballotline.Server.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class DecisionModel(PilotRecordReader records) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public PilotDecision Decision { get; private set; } = null!;

    public async Task OnGetAsync() => Decision = PilotDecision.Decide((await records.ReadAsync(Id, HttpContext.RequestAborted)).Outcome());
}
