namespace Ballotline.Server.Reports;

/// <summary>Reports: the pilot's figures read from the database and the reports over them: its services and its endpoints.</summary>
public static class ReportsFeature
{
    public static IServiceCollection AddBallotlineReports(this IServiceCollection services)
    {
        services.AddScoped<PilotRecordReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineReports(this IEndpointRouteBuilder app)
    {
        app.MapReportsApi();
        return app;
    }
}
