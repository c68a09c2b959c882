using System.IO.Compression;
using System.Text.Json;

namespace Ballotline.VerifyTool.Tests;

/// <summary>
/// <c>ballotline-verify</c> as a process over the committed records (tests/vectors/records): its verdicts and exit
/// codes are what a stranger scripts against — 0 verified, 1 not verified, 2 unreadable, 3 verified with something
/// left unchecked and named.
/// </summary>
public sealed class VerifyCommandTests
{
    private static string Records { get; } = Path.Combine(RepositoryPaths.Root, "tests", "vectors", "records");

    private static string Genuine(string name = "genuine") => Path.Combine(Records, name);

    private static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliProcess.RunToolAsync("ballotline-verify", new Dictionary<string, string?>(), args);

    [Fact]
    public async Task A_genuine_record_read_offline_is_verified_without_the_chain_and_says_so_with_exit_code_3()
    {
        var run = await RunAsync(Path.Combine(Genuine(), "record.zip"), "--announcement", Path.Combine(Genuine(), "announcement.json"));

        Assert.Equal(3, run.Exit);
        Assert.Contains("VERIFIED WITHOUT THE CHAIN (the anchored roots were not read from the chain: give --rpc)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 failed, 1 skipped", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_announcement_the_verdict_also_names_the_announcement_as_unchecked()
    {
        var run = await RunAsync(Path.Combine(Genuine("genuine-threshold"), "record.zip"));

        Assert.Equal(3, run.Exit);
        Assert.Contains("THE CHAIN", run.Out, StringComparison.Ordinal);
        Assert.Contains("AND THE ANNOUNCEMENT (the record's own contract was trusted: give --announcement)", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("positions-relabelled")]
    [InlineData("result-votes-as-text")]
    [InlineData("threshold-share-relabelled")]
    [InlineData("ballot-removed")]
    public async Task A_forged_record_is_not_verified_and_the_check_it_fails_is_printed(string forgery)
    {
        var directory = Path.Combine(Records, forgery);
        var check = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "expected.json"))).RootElement.GetProperty("check").GetString()!;

        var announcement = Path.Combine(Genuine(forgery.StartsWith("threshold-", StringComparison.Ordinal) ? "genuine-threshold" : "genuine"), "announcement.json");

        var run = await RunAsync(Path.Combine(directory, "record.zip"), "--announcement", announcement);

        Assert.Equal(1, run.Exit);
        Assert.Contains("NOT VERIFIED", run.Out, StringComparison.Ordinal);
        Assert.Contains(run.Out.Split('\n'), line => line.Contains("FAIL", StringComparison.Ordinal) && line.Contains(check, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_torn_zip_is_refused_as_unreadable_with_exit_code_2()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Genuine(), "record.zip"));

        var run = await RunOnZipAsync(bytes[..(bytes.Length / 2)]);

        Assert.Equal(2, run.Exit);
        Assert.Contains("Cannot read the record", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("VERIFIED", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_that_would_unpack_beyond_what_a_record_file_may_hold_is_refused_as_unreadable_before_it_is_unpacked()
    {
        // A zip bomb names its size in its directory: here ballots.jsonl says 4 GiB (a few megabytes of deflated zeros
        // do the same for real). Unpacked into memory it had ended the tool with an unhandled "Stream was too long".
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Genuine(), "record.zip"));
        var central = IndexOf(bytes, [0x50, 0x4b, 0x01, 0x02], "ballots.jsonl");
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 24, 4), 0xFFFFFFF0u);
        BitConverter.TryWriteBytes(bytes.AsSpan(BitConverter.ToInt32(bytes, central + 42) + 22, 4), 0xFFFFFFF0u);

        var run = await RunOnZipAsync(bytes);

        Assert.Equal(2, run.Exit);
        Assert.Contains("The record is not readable: ballots.jsonl would unpack to 4,294,967,280 bytes; a record file may hold at most 1,073,741,824.", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_entry_that_unpacks_to_more_than_its_recorded_size_is_refused_as_unreadable()
    {
        // ballots.jsonl's directory and local header say 100 bytes; its data unpacks to the whole log. Read as its
        // first 100 bytes, the record failed its hashes (exit 1, "not verified"); the JavaScript verifier calls it
        // unreadable, and so must this one: the zip does not hold what it says.
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Genuine(), "record.zip"));
        var central = IndexOf(bytes, [0x50, 0x4b, 0x01, 0x02], "ballots.jsonl");
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 24, 4), 100u);
        BitConverter.TryWriteBytes(bytes.AsSpan(BitConverter.ToInt32(bytes, central + 42) + 22, 4), 100u);

        var run = await RunOnZipAsync(bytes);

        Assert.Equal(2, run.Exit);
        Assert.Contains("The record is not readable: ballots.jsonl", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_entry_whose_bytes_are_not_those_its_CRC_describes_is_refused_as_unreadable()
    {
        // The genuine record re-packed with result.json stored (not deflated), then one of its bytes changed in place:
        // same size, other bytes. Only the entry's CRC-32 tells; both verifiers call it unreadable.
        using var stored = new MemoryStream();
        using (var genuine = ZipFile.OpenRead(Path.Combine(Genuine(), "record.zip")))
        using (var copy = new ZipArchive(stored, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in genuine.Entries)
            {
                var target = copy.CreateEntry(entry.FullName, entry.FullName == "result.json" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                await using var from = await entry.OpenAsync();
                await using var to = await target.OpenAsync();
                await from.CopyToAsync(to);
            }
        }

        var bytes = stored.ToArray();
        var result = bytes.AsSpan().IndexOf("\"contests\""u8);
        Assert.True(result > 0, "the stored result.json is in the archive");
        bytes[result + 1] = (byte)'C';

        var run = await RunOnZipAsync(bytes);

        Assert.Equal(2, run.Exit);
        Assert.Contains("The record is not readable: result.json does not unpack to what its zip entry records", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_url_that_fails_part_way_is_refused_as_unreadable_not_as_not_verified()
    {
        // The record's files served over HTTP, ballots.jsonl answered with a 500: the tool must say it could not read
        // the record (exit 2), not crash (it did: an unhandled HttpRequestException, exit code 1 = "not verified").
        var files = Path.Combine(Path.GetTempPath(), $"record-{Guid.NewGuid():N}");
        ZipFile.ExtractToDirectory(Path.Combine(Genuine(), "record.zip"), files);
        var port = FreePort();
        using var listener = new System.Net.HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var context = await listener.GetContextAsync().WaitAsync(stop.Token);
                var name = context.Request.Url!.AbsolutePath.TrimStart('/').Replace("record/", string.Empty, StringComparison.Ordinal);
                var path = Path.Combine(files, name);
                context.Response.StatusCode = name == "ballots.jsonl" ? 500 : File.Exists(path) ? 200 : 404;
                if (context.Response.StatusCode == 200)
                {
                    await context.Response.OutputStream.WriteAsync(await File.ReadAllBytesAsync(path));
                }

                context.Response.Close();
            }
        });
        try
        {
            var run = await RunAsync($"http://127.0.0.1:{port}/record/");

            Assert.Equal(2, run.Exit);
            Assert.Contains("The record is not readable", run.Err, StringComparison.Ordinal);
            Assert.Contains("500", run.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled", run.Err, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await Assert.ThrowsAnyAsync<Exception>(() => serving);
            Directory.Delete(files, recursive: true);
        }
    }

    /// <summary>The tool run on these bytes as a record zip in a file of its own, deleted afterwards.</summary>
    private static async Task<(int Exit, string Out, string Err)> RunOnZipAsync(byte[] zip)
    {
        var path = Path.Combine(Path.GetTempPath(), $"record-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, zip);
        try
        {
            return await RunAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int IndexOf(byte[] bytes, byte[] signature, string name)
    {
        for (var i = bytes.Length - signature.Length; i >= 0; i--)
        {
            if (bytes.AsSpan(i).StartsWith(signature) && System.Text.Encoding.UTF8.GetString(bytes, i + 46, BitConverter.ToUInt16(bytes, i + 28)) == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{name} is not in the archive's directory.");
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_record_missing_a_file_is_not_verified()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"record-{Guid.NewGuid():N}");
        ZipFile.ExtractToDirectory(Path.Combine(Genuine(), "record.zip"), copy);
        try
        {
            File.Delete(Path.Combine(copy, "result.json"));
            var run = await RunAsync(copy);

            Assert.NotEqual(0, run.Exit);
            Assert.NotEqual(3, run.Exit);
            Assert.DoesNotContain("VERIFIED:", run.Out.Replace("NOT VERIFIED:", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Theory]
    [InlineData("--rpc", "ftp://chain.example/", "--rpc must be an http(s) URL")]
    [InlineData("--announcement", "/nowhere/announcement.json", "Cannot read the announcement")]
    public async Task A_bad_option_is_refused_with_exit_code_2_before_anything_is_checked(string option, string value, string message)
    {
        var run = await RunAsync(Path.Combine(Genuine(), "record.zip"), option, value);

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Verifying", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_is_built_on_the_independent_verifier_alone_of_Ballotlines_code()
    {
        var tool = System.Reflection.Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "ballotline-verify.dll"));
        var ours = tool.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Ballotline", StringComparison.Ordinal));
        var verifier = typeof(Ballotline.Verifier.ElectionRecordVerifier).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Ballotline", StringComparison.Ordinal));

        Assert.Equal(["Ballotline.Verifier"], ours);
        Assert.Equal(["Ballotline.Crypto"], verifier);
    }

    [Fact]
    public async Task On_a_platform_without_libsecp256k1_the_tool_still_verifies_a_record_and_refuses_a_forged_one()
    {
        // The tool's own files without runtimes/: no native libsecp256k1 for any platform, as on one Secp256k1.Net
        // does not ship for. Its proof checks run on BouncyCastle and nothing it does multiplies a secret.
        var bare = CliProcess.CopyWithoutNativeLibraries();
        try
        {
            Assert.Empty(Directory.EnumerateFiles(bare, "*secp256k1*.so", SearchOption.AllDirectories));
            var announcement = Path.Combine(Genuine(), "announcement.json");
            var genuine = await CliProcess.RunToolFromAsync(bare, "ballotline-verify", new Dictionary<string, string?>(), Path.Combine(Genuine(), "record.zip"), "--announcement", announcement);
            var forged = await CliProcess.RunToolFromAsync(bare, "ballotline-verify", new Dictionary<string, string?>(), Path.Combine(Records, "ballot-removed", "record.zip"), "--announcement", announcement);

            Assert.True(genuine.Exit == 3, genuine.Out + genuine.Err);
            Assert.Contains("0 failed, 1 skipped", genuine.Out, StringComparison.Ordinal);
            Assert.Contains("every selection and contest proof holds", genuine.Out, StringComparison.Ordinal);
            Assert.Equal(1, forged.Exit);
        }
        finally
        {
            Directory.Delete(bare, recursive: true);
        }
    }

    [Fact]
    public async Task A_record_that_is_not_there_is_refused_with_exit_code_2()
    {
        var run = await RunAsync("/nowhere/record.zip");

        Assert.Equal(2, run.Exit);
        Assert.Contains("No election record at '/nowhere/record.zip'", run.Err, StringComparison.Ordinal);
    }
}
