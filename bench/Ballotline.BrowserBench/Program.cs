using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Trustees;
using Microsoft.Playwright;

// dotnet run -c Release --project bench/Ballotline.BrowserBench
// Encrypting a 1-of-5 ballot in Debian's Chromium (through Playwright) with the bundle the voting page loads,
// against the C# library on the same machine in the same run: the ratio is what to compare.
var invariant = CultureInfo.InvariantCulture;
var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "Ballotline.slnx")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
}

var manifest = new ElectionManifest("bench", [new ContestDescription("mayor", ["ann", "ben", "cat", "dan", "eve"], 1, 1)]);
var polynomial = TrusteePolynomial.Generate(1, 1);
var commitments = new[] { polynomial.Commit(ElectionContext.ComputeBaseHash(manifest, 1, 1)) };
var context = KeyCeremony.CreateContext(manifest, 1, 1, commitments);
const int runs = 200;

var csharp = new List<double>();
for (var i = 0; i < runs + 20; i++)
{
    var clock = Stopwatch.StartNew();
    BallotEncryptor.Encrypt(context, PlaintextBallot.ForContest("mayor", "cat"));
    csharp.Add(clock.Elapsed.TotalMilliseconds);
}

var chromium = Environment.GetEnvironmentVariable("BALLOTLINE_CHROMIUM") ?? "/usr/bin/chromium";
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
var page = await browser.NewPageAsync();
await page.SetContentAsync("<!DOCTYPE html><html><body></body></html>");
await page.AddScriptTagAsync(new() { Path = Path.Combine(root, "src", "Ballotline.Server", "wwwroot", "js", "ballot-crypto.js") });
var browserTimes = await page.EvaluateAsync<double[]>(@"([key, hash, runs]) => {
    const context = BallotlineCrypto.electionContext({ publicKey: key, extendedHash: hash,
        contests: [{ id: 'mayor', candidates: ['ann', 'ben', 'cat', 'dan', 'eve'], minSelections: 1, maxSelections: 1 }] });
    const times = [];
    for (let i = 0; i < runs + 20; i++) {
        const t = performance.now();
        BallotlineCrypto.encryptBallot(context, { contests: [{ contestId: 'mayor', selected: ['cat'] }] });
        times.push(performance.now() - t);
    }
    return times;
}", new object[] { context.PublicKey.Element.ToHex(), context.ExtendedHashHex, runs });
var version = browser.Version;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Skip(20).Order().ToList(); // the first 20 warm up the JIT
    return sorted[sorted.Count / 2];
}

static double P95(IEnumerable<double> values)
{
    var sorted = values.Skip(20).Order().ToList();
    return sorted[(int)(sorted.Count * 0.95)];
}

Console.WriteLine(string.Create(invariant, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, Chromium {version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {runs} runs after 20 warm-up"));
Console.WriteLine(string.Create(invariant, $"C# (libsecp256k1)       encrypt + prove 1-of-5: median {Median(csharp):0.00} ms, p95 {P95(csharp):0.00} ms"));
Console.WriteLine(string.Create(invariant, $"Chromium (@noble/curves) encrypt + prove 1-of-5: median {Median(browserTimes):0.00} ms, p95 {P95(browserTimes):0.00} ms"));
Console.WriteLine(string.Create(invariant, $"Browser / C#: {Median(browserTimes) / Median(csharp):0.00}×"));

// The JavaScript record verifier (web/verifier) on the records bench/Ballotline.VerifierBench wrote: in Chromium as
// the results page runs it (the Web Worker bundle, the record served as a zip), and in node (cli.mjs); the v4 record.
int[] recordSizes = [200, 10_000];
foreach (var directory in recordSizes.Select(n => Path.Combine(Path.GetTempPath(), "ballotline-verifier-bench", n.ToString(invariant), "v4")).Where(Directory.Exists))
{
    var zip = new MemoryStream();
    using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
    {
        foreach (var file in Directory.GetFiles(directory))
        {
            archive.CreateEntryFromFile(file, Path.GetFileName(file));
        }
    }

    var ballots = File.ReadLines(Path.Combine(directory, "ballots.jsonl")).Count();
    var worker = await File.ReadAllBytesAsync(Path.Combine(root, "src", "Ballotline.Server", "wwwroot", "js", "record-verifier-worker.js"));
    var verifierPage = await browser.NewPageAsync();
    await verifierPage.RouteAsync("http://bench.invalid/**", route => route.Request.Url switch
    {
        var u when u.EndsWith("/record.zip", StringComparison.Ordinal) => route.FulfillAsync(new() { BodyBytes = zip.ToArray(), ContentType = "application/zip" }),
        var u when u.EndsWith("/worker.js", StringComparison.Ordinal) => route.FulfillAsync(new() { BodyBytes = worker, ContentType = "text/javascript" }),
        _ => route.FulfillAsync(new() { Body = "<!DOCTYPE html><title>bench</title>", ContentType = "text/html" }),
    });
    await verifierPage.GotoAsync("http://bench.invalid/");
    var outcome = await verifierPage.EvaluateAsync<string[]>(@"() => new Promise((resolve) => {
        const started = performance.now();
        const worker = new Worker('/worker.js');
        worker.onmessage = ({ data }) => {
            if (data.type === 'result') resolve([String((performance.now() - started) / 1000), data.verdict]);
            if (data.type === 'error') resolve(['NaN', data.message]);
        };
        worker.postMessage({ recordUrl: '/record.zip', rpcUrl: '', announcement: '' });
    })");
    var browserSeconds = double.Parse(outcome[0], invariant);
    Console.WriteLine(string.Create(invariant, $"{ballots} ballots, JavaScript verifier in Chromium (Web Worker, 1 core): {browserSeconds:0.0} s = {ballots / browserSeconds:0.0} ballots/s; {outcome[1]}"));

    var node = Stopwatch.StartNew();
    using var process = Process.Start(new ProcessStartInfo("node", [Path.Combine(root, "web", "verifier", "cli.mjs"), directory, "--json"]) { RedirectStandardOutput = true })!;
    var json = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    var nodeSeconds = node.Elapsed.TotalSeconds;
    using var parsed = System.Text.Json.JsonDocument.Parse(json);
    Console.WriteLine(string.Create(invariant, $"{ballots} ballots, JavaScript verifier in node (cli.mjs, 1 core): {nodeSeconds:0.0} s = {ballots / nodeSeconds:0.0} ballots/s; {parsed.RootElement.GetProperty("verdict").GetString()}"));
}
