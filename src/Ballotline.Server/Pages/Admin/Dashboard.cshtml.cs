using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability.Alerts;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class DashboardModel(AlertEvaluator alerts) : BallotlinePage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostTestAlertAsync()
    {
        var sent = await alerts.SendTestAsync(User.Actor(), HttpContext.RequestAborted);
        StatusMessage = sent == 0
            ? "No on-call addresses are configured (Alerts:OnCall): nothing was sent."
            : $"A test alert was queued for {sent} on-call address(es); see Mail for delivery.";
        return Redirect("/admin/dashboard");
    }
}
