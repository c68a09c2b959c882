using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability;

var builder = WebApplication.CreateBuilder(ShippedFiles.Options(args));
builder.AddBallotlineLogging();
builder.AddBallotline();

var app = builder.Build();
app.UseBallotline();
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
