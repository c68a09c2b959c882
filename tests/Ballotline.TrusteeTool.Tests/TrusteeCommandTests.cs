using System.Net;

namespace Ballotline.TrusteeTool.Tests;

/// <summary><c>ballotline-trustee</c> as a process: bad input refused with a clear message and exit code 1, and the trustee's token never printed.</summary>
public sealed class TrusteeCommandTests
{
    private static Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        CliProcess.RunToolAsync("ballotline-trustee", environment, args);

    private static string KeyPath() => Path.Combine(Path.GetTempPath(), $"trustee-{Guid.NewGuid():N}.key");

    [Fact]
    public async Task Keygen_without_a_token_is_refused_and_writes_no_key_file()
    {
        var key = KeyPath();

        var run = await RunAsync(new Dictionary<string, string?> { ["BALLOTLINE_TRUSTEE_TOKEN"] = null }, "keygen", "--url", "http://127.0.0.1:1/", "--key", key);

        Assert.Equal(1, run.Exit);
        Assert.Contains("Give your trustee token with --token or BALLOTLINE_TRUSTEE_TOKEN.", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(key));
    }

    [Fact]
    public async Task Keygen_with_a_server_address_that_is_not_http_is_refused()
    {
        var run = await RunAsync(new Dictionary<string, string?>(), "keygen", "--url", "file:///etc/passwd", "--token", "t", "--key", KeyPath());

        Assert.Equal(1, run.Exit);
        Assert.Contains("--url must be an http(s) URL, not 'file:///etc/passwd'.", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("share")]
    [InlineData("combine")]
    [InlineData("decrypt")]
    [InlineData("status")]
    public async Task A_step_without_its_key_file_says_to_run_keygen_first(string step)
    {
        var run = await RunAsync(new Dictionary<string, string?>(), step, "--key", KeyPath());

        Assert.Equal(1, run.Exit);
        Assert.Contains("run `ballotline-trustee keygen` first", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_refuses_is_quoted_without_the_trustees_secret_token()
    {
        const string token = "s3cret-trustee-token-0123456789";
        using var server = new AnsweringHandler(HttpStatusCode.NotFound, """{"title":"No trustee has this link."}""");

        var error = await Assert.ThrowsAsync<TrusteeServerException>(() => new TrusteeClient(TextWriter.Null, server)
            .KeygenAsync(new Uri("http://127.0.0.1:1/"), token, new FileInfo(KeyPath()), TestContext.Current.CancellationToken));

        Assert.Contains("GET /api/trustee/… was refused (404): {\"title\":\"No trustee has this link.\"}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }
}
