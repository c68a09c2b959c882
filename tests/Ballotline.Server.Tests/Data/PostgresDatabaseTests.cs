namespace Ballotline.Server.Tests.Data;

/// <summary>A first start creates the database and says nothing alarming about it.</summary>
public sealed class PostgresDatabaseTests
{
    [Theory]
    [InlineData(StorageProvider.Postgres)]
    [InlineData(StorageProvider.Sqlite)]
    public async Task A_first_start_creates_the_database_with_no_error_in_the_log(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider);
        app.StartServer();

        Assert.True(await app.WithDbAsync(db => db.Database.CanConnectAsync()));
        var errors = (await Observability.PilotLogTests.ReadLogsAsync(app)).Split('\n')
            .Where(line => line.Contains("\"@l\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public async Task Two_instances_starting_at_once_on_a_new_database_both_start()
    {
        await using var first = new BallotlineApp(StorageProvider.Postgres);
        await using var second = new BallotlineApp(StorageProvider.Postgres, first.PostgresDatabase);

        await Task.WhenAll(Task.Run(first.StartServer), Task.Run(second.StartServer));

        Assert.True(await first.WithDbAsync(db => db.Database.CanConnectAsync()));
        Assert.True(await second.WithDbAsync(db => db.Database.CanConnectAsync()));
    }
}
