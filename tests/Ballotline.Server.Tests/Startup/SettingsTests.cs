namespace Ballotline.Server.Tests.Startup;

/// <summary>A mode the server does not have stops it at start, naming the setting — never a silent default.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Database:Provider", "Oracle")]
    [InlineData("Database:Provider", "7")]
    [InlineData("Chain:Mode", "Bitcoin")]
    [InlineData("Chain:Mode", "3")]
    [InlineData("Mail:Mode", "Pigeon")]
    [InlineData("Mail:Security", "Tls13")]
    [InlineData("Mail:Security", "9")]
    public async Task A_mode_the_server_does_not_have_is_refused_at_start_naming_its_setting(string key, string value)
    {
        await using var app = new BallotlineApp().With(key, value);
        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = string.Join(" | ", Flatten(refused).Select(e => e.Message));
        Assert.Contains(key, messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
