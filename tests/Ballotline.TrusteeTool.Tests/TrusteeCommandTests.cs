using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Serialization;

namespace Ballotline.TrusteeTool.Tests;

/// <summary><c>ballotline-trustee</c> as a process: bad input refused with a clear message and exit code 1, and the trustee's token never printed.</summary>
public sealed class TrusteeCommandTests
{
    private static Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        CliProcess.RunToolAsync("ballotline-trustee", environment, args);

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

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

    [Fact]
    public async Task Decrypt_without_the_chain_to_check_against_says_how_to_give_it_and_contacts_no_server()
    {
        // The server named in the key file does not exist: the refusal must come before any request.
        var key = new FileInfo(KeyPath());
        new TrusteeKeyFile(TrusteeKeyFile.CurrentVersion, "http://127.0.0.1:1/", "token", Guid.NewGuid(), "e", 1, 3, 2, "00", ["01"], "02", "03").Write(key);
        try
        {
            var run = await RunAsync(new Dictionary<string, string?>(), "decrypt", "--key", key.FullName);

            Assert.Equal(1, run.Exit);
            Assert.Contains("Give --rpc URL and --announcement FILE|URL, so that what you decrypt is checked against the election's anchors on the chain; or --without-chain", run.Err, StringComparison.Ordinal);

            var badRpc = await RunAsync(new Dictionary<string, string?>(), "decrypt", "--key", key.FullName, "--rpc", "file:///etc/passwd", "--announcement", "a.json");
            Assert.Equal(1, badRpc.Exit);
            Assert.Contains("--rpc must be an http(s) URL, not 'file:///etc/passwd'.", badRpc.Err, StringComparison.Ordinal);
        }
        finally
        {
            key.Delete();
        }
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
    public async Task On_a_platform_without_libsecp256k1_keygen_stops_with_a_message_that_says_why_and_leaves_no_key_file()
    {
        // A real HTTP server answering the ceremony's first view, and the tool run from a copy of its files without any
        // native library: it must not write a key file it cannot complete, nor send anything, nor crash.
        var manifest = new ElectionManifest("bare", [ContestDescription.ChooseExactly("mayor", 1, "ann", "ben")]);
        var view = new TrusteeView(Guid.NewGuid(), "Bare platform", 1, 3, 2, CryptoJson.Serialize(manifest),
            Convert.ToHexStringLower(ElectionContext.ComputeBaseHash(manifest, 3, 2)), "commit", [], []);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = new List<string>();
        var serving = ServeAsync(listener, JsonSerializer.Serialize(view, WebJson), requests);
        var bare = CliProcess.CopyWithoutNativeLibraries();
        var key = KeyPath();
        try
        {
            var run = await CliProcess.RunToolFromAsync(bare, "ballotline-trustee", new Dictionary<string, string?>(), "keygen", "--url", $"http://127.0.0.1:{port}/", "--token", "t0ken", "--key", key);

            Assert.Equal(1, run.Exit);
            Assert.Contains("multiplies secrets only in constant time, with libsecp256k1", run.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", run.Err, StringComparison.Ordinal);
            Assert.False(File.Exists(key));
            Assert.Equal(["GET"], requests); // the view was read; no commitment was sent
        }
        finally
        {
            listener.Stop();
            await Task.WhenAny(serving);
            Directory.Delete(bare, recursive: true);
        }
    }

    // Answers each request with the view (one connection per request: Connection: close), recording its method.
    private static async Task ServeAsync(TcpListener listener, string body, List<string> methods)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync() ?? string.Empty;
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                {
                }

                lock (methods)
                {
                    methods.Add(requestLine.Split(' ')[0]);
                }

                var bytes = Encoding.UTF8.GetBytes(body);
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head);
                await stream.WriteAsync(bytes);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The listener was stopped.
        }
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
