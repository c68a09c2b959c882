using System.Diagnostics;

namespace Ballotline.Server.Tests;

/// <summary>
/// The real server as its own process, as it is deployed: <c>dotnet publish</c> of the server's build output (once
/// per test run), started with <c>dotnet Ballotline.Server.dll</c> in the test's data directory as the systemd unit
/// starts it in <c>/var/lib/ballotline</c>, on a port of the test's — so a test can kill it with SIGKILL where it
/// stands and start it again.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly System.Text.StringBuilder _output = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Everything the server printed (standard output and error), as a journal would keep it.</summary>
    public string Output
    {
        get
        {
            lock (_lastLines)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What the server printed last, for a failing test's message.</summary>
    public string Tail
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", [await PublishedServer.Value, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "ballotline.db")}";
        start.Environment["PilotLog__Path"] = Path.Combine(dataDirectory, "logs", "pilot_election.log");
        start.Environment["Setup__PrintLinkOnStart"] = "false";
        start.Environment["Chain__BatchSeconds"] = "0.5";
        start.Environment["Chain__PollSeconds"] = "0.2";
        start.Environment["RateLimits__SignInPerMinutePerAddress"] = "100000";
        start.Environment["RateLimits__RegistrationPerMinutePerAddress"] = "100000";
        start.Environment["RateLimits__CastingPerMinutePerVoter"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("The server did not start."), port);
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {server._process.ExitCode} while starting:\n{server.Tail}");
            }

            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.ServiceUnavailable)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        server.Kill();
        throw new TimeoutException($"The server did not answer /healthz within 60 s:\n{server.Tail}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye — a power cut or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            _output.AppendLine(line);
            while (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    // One publish per test run (a few seconds: --no-build copies the build output and the static files).
    private static readonly Lazy<Task<string>> PublishedServer = new(PublishAsync);

    /// <summary>The server's build output (same configuration as this test project's), published as docs/deployment.md publishes it.</summary>
    private static async Task<string> PublishAsync()
    {
        var testBin = AppContext.BaseDirectory;
        var marker = Path.Combine("tests", "Ballotline.Server.Tests", "bin");
        var index = testBin.LastIndexOf(marker, StringComparison.Ordinal);
        var configuration = index < 0 ? "Release" : testBin[(index + marker.Length + 1)..].Split(Path.DirectorySeparatorChar)[0];
        var project = Path.Combine(RepositoryPaths.Root, "src", "Ballotline.Server", "Ballotline.Server.csproj");
        var output = Path.Combine(testBin, "published-server");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-nologo", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var printed = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        var assembly = Path.Combine(output, "Ballotline.Server.dll");
        return publish.ExitCode == 0 && File.Exists(assembly)
            ? assembly
            : throw new InvalidOperationException($"dotnet publish of the server's {configuration} build failed (build the solution first; ./test.sh does):\n{await printed}{await errors}");
    }
}
