using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ballotline.LoadTest;
using Ballotline.Server.Accounts;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

// Casts encrypted ballots over HTTP with many concurrent, already signed-in voters and reports
// accepted ballots per second and latency percentiles. Usage:
//   dotnet run -c Release --project bench/Ballotline.LoadTest -- --provider sqlite --voters 1000 --concurrency 200
var options = LoadOptions.Parse(args);
var dataDirectory = Path.Combine(Path.GetTempPath(), "ballotline-load", Guid.NewGuid().ToString("N"));
var database = "ballotline_load_" + Guid.NewGuid().ToString("N")[..8];
Directory.CreateDirectory(dataDirectory);
var keyRing = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
if (!string.IsNullOrEmpty(options.AuthorityKey))
{
    Environment.SetEnvironmentVariable("BALLOTLINE_AUTHORITY_KEY", options.AuthorityKey);
}

async Task<WebApplication> StartInstanceAsync()
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = options.Provider == "postgres" ? "Postgres" : "Sqlite",
        ["Database:DataDirectory"] = dataDirectory,
        ["Database:ConnectionString"] = options.Provider == "postgres" ? $"{options.Postgres};Database={database};Maximum Pool Size={100 / options.Instances}" : null,
        ["DataProtection:KeyRingKey"] = keyRing, // one key ring for every instance, as a real deployment shares it
        ["Setup:PrintLinkOnStart"] = "false",
        ["RateLimits:SignInPerMinutePerAddress"] = "1000000",
        ["RateLimits:RegistrationPerMinutePerAddress"] = "1000000",
        ["RateLimits:CastingPerMinutePerVoter"] = "1000000",
        // The load driver measures the server's casting path with server-side encryption (its figures in docs/performance.md).
        ["Voting:ServerSideEncryption"] = "true",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Chain:Mode"] = options.Chain switch { "none" => "None", "embedded" => "Embedded", _ => "JsonRpc" },
        ["Chain:RpcUrl"] = options.Chain.StartsWith("http", StringComparison.Ordinal) ? options.Chain : null,
        ["Chain:BatchSize"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["Chain:BatchSeconds"] = "5",
        ["Chain:PollSeconds"] = "0.5",
        ["Chain:Confirmations"] = "1",
    });

    // Sign-in is done before the measurement; cheap hashing only makes the preparation of 1,000 accounts quick.
    builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
    builder.AddBallotline();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    var instance = builder.Build();
    instance.UseBallotline();
    await instance.StartAsync();
    return instance;
}

// With several instances (one PostgreSQL), they start one after another (the first migrates) behind nginx.
var instances = new List<WebApplication>();
for (var n = 0; n < options.Instances; n++)
{
    instances.Add(await StartInstanceAsync());
}

var app = instances[0];
await using var nginx = options.Instances > 1
    ? await NginxProxy.StartAsync(Path.Combine(dataDirectory, "nginx"), FreePort(), [.. instances.Select(i => new Uri(i.Urls.First()).Port)], logRequests: false, binary: options.Nginx)
    : null;
var baseUrl = nginx is null ? app.Urls.First() : $"http://127.0.0.1:{nginx.Port}";
var everyone = options.Voters + options.Warmup;
Console.WriteLine($"Server on {baseUrl} ({options.Provider}, {options.Instances} instance(s)); preparing {everyone} voters…");

const string password = "load test password";
await using (var scope = app.Services.CreateAsyncScope())
{
    var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
    await setup.CreateFirstAdministratorAsync((await setup.IssueTokenAsync())!, "admin@load.test", "Admin", password);
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
async Task<string> TokenAsync(string email)
{
    var response = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Sign-in of {email} failed: {await response.Content.ReadAsStringAsync()}");
    }

    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}

async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, HttpContent? content = null)
{
    using var request = new HttpRequestMessage(method, url) { Content = content };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    return response;
}

var admin = await TokenAsync("admin@load.test");
var input = new ElectionInput("load", "Load test", null, true,
    [new ContestSpec("mayor", "Mayor", [new("a", "A"), new("b", "B"), new("c", "C"), new("d", "D"), new("e", "E")], 1, 1)],
    DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1),
    DateTimeOffset.UtcNow.AddDays(2), "support@load.test", null,
    options.Recording == "per-ballot" ? Ballotline.Server.Anchoring.RecordingMode.PerBallot : Ballotline.Server.Anchoring.RecordingMode.Batched);
var election = await (await SendAsync(HttpMethod.Post, "/api/elections", admin, JsonContent.Create(input))).Content.ReadFromJsonAsync<ElectionSummary>();
var csv = new StringBuilder("name,email,group,age_band,location\n");
for (var i = 0; i < everyone; i++)
{
    csv.Append(CultureInfo.InvariantCulture, $"Voter {i},v{i}@load.test,{(i % 5 < 2 ? "technical" : "average")},18-29,\n");
}

await SendAsync(HttpMethod.Post, $"/api/elections/{election!.Id}/voters/import", admin, new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
await SendAsync(HttpMethod.Post, $"/api/elections/{election.Id}/transitions", admin, JsonContent.Create(new { to = "RegistrationOpen", keyPassphrase = "load test election key passphrase" }));
var invitations = await (await SendAsync(HttpMethod.Post, $"/api/elections/{election.Id}/invitations", admin)).Content.ReadFromJsonAsync<List<JsonElement>>();
// The voting window has begun: any instance's scheduler may open voting first, which is as good.
using (var open = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{election.Id}/transitions") { Content = JsonContent.Create(new { to = "VotingOpen" }) })
{
    open.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    using var opened = await http.SendAsync(open);
    if (!opened.IsSuccessStatusCode && !(await opened.Content.ReadAsStringAsync()).Contains("'Voting open' cannot move to 'Voting open'", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"Opening voting failed: {await opened.Content.ReadAsStringAsync()}");
    }
}
var tokens = new string[everyone];
await Parallel.ForAsync(0, everyone, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    var link = invitations![i].GetProperty("link").GetString()!;
    var response = await http.PostAsJsonAsync($"/api/registrations/{link[(link.LastIndexOf('/') + 1)..]}", new { password, acknowledgedTestNotice = true }, ct);
    response.EnsureSuccessStatusCode();
    tokens[i] = await TokenAsync(invitations[i].GetProperty("email").GetString()!);
});

// Device encryption: every voter's device encrypts before the measurement, as browsers do while voters read the ballot.
// Each request's body, UTF-8 encoded before the measurement: a voter's device sends bytes it already has, and the load
// client shares the server's two cores, so what it does per cast is kept to sending.
var encrypted = new byte[everyone][];
if (options.Encryption == "device")
{
    var view = await (await SendAsync(HttpMethod.Get, $"/api/elections/{election.Id}/ballot", tokens[0])).Content.ReadFromJsonAsync<Ballotline.Server.Voting.VotingApi.BallotView>();
    var context = view!.Encryption.Rebuild();
    Parallel.For(0, everyone, i => encrypted[i] = Encoding.UTF8.GetBytes("{\"ballot\":" + Ballotline.Crypto.Serialization.CryptoJson.Serialize(
        Ballotline.Crypto.Ballots.BallotEncryptor.Encrypt(context, Ballotline.Crypto.Ballots.PlaintextBallot.ForContest("mayor", ((char)('a' + (i % 5))).ToString())).Ballot) + "}"));
}

if (options.Warmup > 0)
{
    // Warm-up voters (the last ones prepared) cast first, unmeasured: the runtime's tiered compiler re-compiles the hot
    // methods in the background during the first thousand or so casts, which a server that runs for hours has behind it.
    Console.WriteLine($"Warming up with {options.Warmup} ballots…");
    await CastBackToBackAsync(options.Voters, everyone, latencies: null);

    // What the warm-up queued for re-compilation, the tiered compiler's background thread compiles while two hundred
    // casts compete with it for the two cores: wait until it has compiled nothing for a second (at most 30 s), so the
    // measurement does not share the cores with it.
    var settling = Stopwatch.StartNew();
    for (var compiled = System.Runtime.JitInfo.GetCompiledMethodCount(); settling.Elapsed < TimeSpan.FromSeconds(30);)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        var now = System.Runtime.JitInfo.GetCompiledMethodCount();
        if (now == compiled)
        {
            break;
        }

        compiled = now;
    }

    Console.WriteLine($"The compiler was idle {settling.Elapsed.TotalSeconds:F0} s after the warm-up.");
}

Console.WriteLine(options.Rate > 0
    ? string.Create(CultureInfo.InvariantCulture, $"Casting {options.Voters} ballots, voters arriving at {options.Rate} per second, at most {options.Concurrency} at once ({options.Encryption} encryption)…")
    : $"Casting {options.Voters} ballots with {options.Concurrency} concurrent voters ({options.Encryption} encryption)…");
var latencies = new double[options.Voters];
var launched = new double[options.Voters];
var pausedBefore = GC.GetTotalPauseDuration();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var allocatedBefore = GC.GetTotalAllocatedBytes();
var collectionsBefore = GC.CollectionCount(0);
var arrivals = new double[options.Voters];
var clock = Stopwatch.StartNew();
if (options.Rate > 0)
{
    // Open loop: arrivals do not wait for earlier casts (real voters do not), so a slow server shows as latency, not
    // as fewer arrivals; a voter who finds every slot busy waits, and that wait counts.
    var random = new Random(16);
    var at = 0.0;
    for (var i = 0; i < arrivals.Length; i++)
    {
        at += -Math.Log(1 - random.NextDouble()) / options.Rate;
        arrivals[i] = at;
    }

    using var slots = new SemaphoreSlim(options.Concurrency);
    var casts = new List<Task>(options.Voters);
    for (var i = 0; i < options.Voters; i++)
    {
        var wait = arrivals[i] - clock.Elapsed.TotalSeconds;
        if (wait > 0.001)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait));
        }

        var voter = i;
        casts.Add(Task.Run(async () =>
        {
            launched[voter] = clock.Elapsed.TotalMilliseconds - (arrivals[voter] * 1000);
            await slots.WaitAsync();
            try
            {
                await CastAsync(voter);
            }
            finally
            {
                slots.Release();
            }

            latencies[voter] = clock.Elapsed.TotalMilliseconds - (arrivals[voter] * 1000);
        }));
    }

    await Task.WhenAll(casts);
}
else
{
    await CastBackToBackAsync(0, options.Voters, latencies);
}

// Closed loop: --concurrency voters cast back to back, voters first … end − 1, each latency kept when asked for.
async Task CastBackToBackAsync(int first, int end, double[]? latencies)
{
    var next = first - 1;
    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < end)
        {
            var started = Stopwatch.GetTimestamp();
            await CastAsync(i);
            latencies?[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }));
}

async Task CastAsync(int i)
{
    if (options.Encryption == "device")
    {
        var body = new ByteArrayContent(encrypted[i]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        (await SendAsync(HttpMethod.Post, $"/api/elections/{election.Id}/ballot/encrypted", tokens[i], body)).Dispose();
    }
    else
    {
        var body = JsonContent.Create(new { selections = new Dictionary<string, string[]> { ["mayor"] = [((char)('a' + (i % 5))).ToString()] } });
        (await SendAsync(HttpMethod.Post, $"/api/elections/{election.Id}/ballot", tokens[i], body)).Dispose();
    }
}

var elapsed = clock.Elapsed.TotalSeconds;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
var allocatedPerBallot = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / options.Voters;
var collections = GC.CollectionCount(0) - collectionsBefore;
var paused = GC.GetTotalPauseDuration() - pausedBefore;
if (options.Timeline && options.Rate > 0)
{
    // Where the slow casts were: per quarter second of arrivals, how many arrived, their median and worst latency, and
    // the worst delay before the client even started the cast (its own share of the two cores).
    Console.WriteLine("arrived at (s)  voters  p50 (ms)  max (ms)  worst start delay (ms)");
    foreach (var bucket in Enumerable.Range(0, options.Voters).GroupBy(v => (int)(arrivals[v] * 4)).OrderBy(g => g.Key))
    {
        var inBucket = bucket.Select(v => latencies[v]).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{bucket.Key / 4.0,14:F2}  {inBucket.Length,6}  {inBucket[inBucket.Length / 2],8:F1}  {inBucket[^1],8:F1}  {bucket.Max(v => launched[v]),22:F1}"));
    }
}

Array.Sort(latencies);
double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT encryption={options.Encryption} provider={options.Provider} instances={options.Instances} voters={options.Voters} warmup={options.Warmup} concurrency={options.Concurrency} rate={(options.Rate > 0 ? options.Rate.ToString(CultureInfo.InvariantCulture) : "closed")} ballots/s={options.Voters / elapsed:F1} p50={P(0.50):F1}ms p95={P(0.95):F1}ms p99={P(0.99):F1}ms elapsed={elapsed:F1}s cpu={cpuSeconds:F1}s ({cpuSeconds * 1000 / options.Voters:F1} ms per ballot, server and client) allocated={allocatedPerBallot:F0}KB/ballot gen0-collections={collections} gc-paused={paused.TotalMilliseconds:F0}ms"));
if (options.Chain != "none")
{
    // Wait until every ballot is covered by a final anchor, then report gas and cast → confirmation times.
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<Ballotline.Server.Data.BallotlineDb>();
    var waited = Stopwatch.StartNew();
    while (waited.Elapsed < TimeSpan.FromMinutes(10))
    {
        var covered = await db.Anchors.Where(a => a.Kind != Ballotline.Server.Anchoring.AnchorKind.Open && a.Status == Ballotline.Server.Anchoring.AnchorStatus.Final)
            .Select(a => (long?)a.TreeSize).MaxAsync() ?? 0;
        if (covered >= everyone)
        {
            break;
        }

        await Task.Delay(500);
    }

    var anchors = await db.Anchors.AsNoTracking().Where(a => a.Kind == Ballotline.Server.Anchoring.AnchorKind.Anchor && a.Status == Ballotline.Server.Anchoring.AnchorStatus.Final)
        .OrderBy(a => a.TreeSize).ToListAsync();
    var ballots = await db.BallotBox.AsNoTracking().OrderBy(b => b.LogIndex).Select(b => new { b.LogIndex, b.CastAt }).ToListAsync();
    var confirm = ballots.Select(b => anchors.First(a => a.TreeSize > b.LogIndex)).Zip(ballots, (a, b) => (a.MinedAt!.Value - b.CastAt).TotalSeconds).Order().ToArray();
    double C(double q) => confirm[Math.Min(confirm.Length - 1, (int)Math.Ceiling(q * confirm.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"CHAIN chain={options.Chain} recording={options.Recording} batch={options.BatchSize} anchors={anchors.Count} gas/ballot={(double)anchors.Sum(a => a.GasUsed ?? 0) / options.Voters:F1} cast→mined p50={C(0.5):F1}s p95={C(0.95):F1}s max={confirm[^1]:F1}s"));
}

foreach (var instance in instances)
{
    await instance.StopAsync();
}

static int FreePort()
{
    using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    probe.Start();
    return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
}
