namespace Ballotline.TrusteeTool.Tests;

/// <summary>The trustee's secrets on their own machine: owner-only, never overwritten, never mistaken for another file.</summary>
public sealed class TrusteeKeyFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("trustee-key-");

    private FileInfo File(string name) => new(Path.Combine(_directory.FullName, name));

    private static TrusteeKeyFile Key(string? share = null) => new(TrusteeKeyFile.CurrentVersion, "http://127.0.0.1:5000/", "token", Guid.NewGuid(), "Pilot", 2, 5, 3,
        new string('a', 64), ["01", "02", "03"], "04", share);

    [Fact]
    public void A_key_file_is_written_readable_by_its_owner_only_and_reads_back_the_same()
    {
        var file = File("trustee.key");
        var key = Key("05");

        key.Write(file);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(file.FullName));
        }

        Assert.Equal(key with { Coefficients = [] }, TrusteeKeyFile.Read(file) with { Coefficients = [] });
        Assert.Equal(key.Coefficients, TrusteeKeyFile.Read(file).Coefficients);
        Assert.False(System.IO.File.Exists(file.FullName + ".tmp"));
    }

    [Fact]
    public async Task Keygen_never_overwrites_an_existing_key_file_and_asks_the_server_nothing()
    {
        var file = File("existing.key");
        await System.IO.File.WriteAllTextAsync(file.FullName, "a trustee's earlier secret", TestContext.Current.CancellationToken);
        using var server = new AnsweringHandler(System.Net.HttpStatusCode.OK, "{}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new TrusteeClient(TextWriter.Null, server).KeygenAsync(new Uri("http://127.0.0.1:1/"), "token", file, TestContext.Current.CancellationToken));

        Assert.Contains("already exists: a trustee key is never overwritten", error.Message, StringComparison.Ordinal);
        Assert.Equal("a trustee's earlier secret", await System.IO.File.ReadAllTextAsync(file.FullName, TestContext.Current.CancellationToken));
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void A_file_of_another_format_is_refused_by_name()
    {
        var file = File("other.key");
        System.IO.File.WriteAllText(file.FullName, """{"version":"someone-else/v9"}""");

        var error = Assert.Throws<InvalidDataException>(() => TrusteeKeyFile.Read(file));

        Assert.Contains("is not a Ballotline trustee key file (ballotline/trustee-key/v1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_says_to_run_keygen_first()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TrusteeKeyFile.Read(File("missing.key")));

        Assert.Contains("run `ballotline-trustee keygen` first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_is_built_on_the_crypto_library_and_the_verifier_alone_of_Ballotlines_code()
    {
        // Never on the server's code: a trustee checks what the server sends (the closed log against the chain) with
        // the same independent code a stranger verifies a record with.
        var ours = typeof(TrusteeClient).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Ballotline", StringComparison.Ordinal));

        Assert.Equal(["Ballotline.Crypto", "Ballotline.Verifier"], ours.Order(StringComparer.Ordinal));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
