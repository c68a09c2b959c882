using System.IO.Compression;

namespace Ballotline.Verifier;

/// <summary>
/// Where a published election record is read from: a zip file, an unpacked directory, or a URL to either (the
/// record can be served as static files). Files are named as in docs/election-record.md.
/// </summary>
public abstract class RecordSource : IDisposable
{
    public abstract string Description { get; }

    public abstract Task<byte[]?> ReadAsync(string name, CancellationToken ct);

    /// <summary>
    /// Every entry name the source holds, repeats included (a zip can hold two entries of one name, and tools
    /// disagree on which they extract), or null where the source cannot list itself (a URL).
    /// </summary>
    public abstract IReadOnlyList<string>? EntryNames { get; }

    /// <summary>Opens <paramref name="location"/>; a URL is read through <paramref name="handler"/> when given (tests record the requests), else a plain socket handler.</summary>
    public static async Task<RecordSource> OpenAsync(string location, CancellationToken ct, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (Uri.TryCreate(location, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.Timeout = TimeSpan.FromMinutes(5);
            if (url.AbsolutePath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var response = await http.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
                var bytes = await response.Content.ReadAsByteArrayAsync(ct);
                http.Dispose();
                return new ZipSource(new ZipArchive(new MemoryStream(bytes)), url.ToString());
            }

            return new HttpSource(http, new Uri(url.ToString().TrimEnd('/') + "/"));
        }

        if (Directory.Exists(location))
        {
            return new DirectorySource(location);
        }

        if (File.Exists(location))
        {
            return new ZipSource(ZipFile.OpenRead(location), location);
        }

        throw new FileNotFoundException($"No election record at '{location}': give a record .zip, its unpacked directory, or a URL to either.");
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private sealed class ZipSource(ZipArchive zip, string where) : RecordSource
    {
        public override string Description => where;

        public override IReadOnlyList<string>? EntryNames => [.. zip.Entries.Select(e => e.FullName)];

        public override async Task<byte[]?> ReadAsync(string name, CancellationToken ct)
        {
            var entry = zip.GetEntry(name);
            if (entry is null)
            {
                return null;
            }

            await using var stream = await entry.OpenAsync(ct);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return copy.ToArray();
        }

        public override void Dispose()
        {
            zip.Dispose();
            base.Dispose();
        }
    }

    private sealed class DirectorySource(string directory) : RecordSource
    {
        public override string Description => directory;

        public override IReadOnlyList<string>? EntryNames =>
            [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))];

        public override async Task<byte[]?> ReadAsync(string name, CancellationToken ct)
        {
            var path = Path.Combine(directory, name);
            return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
        }
    }

    private sealed class HttpSource(HttpClient http, Uri baseUrl) : RecordSource
    {
        public override string Description => baseUrl.ToString();

        public override IReadOnlyList<string>? EntryNames => null;

        public override async Task<byte[]?> ReadAsync(string name, CancellationToken ct)
        {
            using var response = await http.GetAsync(new Uri(baseUrl, name), ct);
            return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync(ct);
        }

        public override void Dispose()
        {
            http.Dispose();
            base.Dispose();
        }
    }
}
