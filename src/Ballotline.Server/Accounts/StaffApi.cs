using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Accounts;

public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff").WithTags("Accounts").RequireApiAdministrator();
        staff.MapGet("/", (StaffService service) => service.ListAsync()).WithSummary("Administrators and support staff");
        staff.MapPost("/", async (StaffService.StaffInput input, StaffService service, CancellationToken ct) => await service.AddAsync(input, ct))
            .WithSummary("Add a support staff member or administrator");
        return app;
    }
}
