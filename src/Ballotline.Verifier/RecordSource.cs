using System.IO.Compression;

namespace Ballotline.Verifier;

/// <summary>
/// Where a published election record is read from: a zip file, an unpacked directory, or a URL to either (the
/// record can be served as static files). Files are named as in docs/election-record.md.
/// </summary>
public abstract class RecordSource : IDisposable
{
    /// <summary>
    /// The largest file of a record this verifier reads (1 GiB; a 100,000-ballot record's <c>ballots.jsonl</c> with
    /// one 1-of-5 contest is ~450 MB). A zip entry is checked against it by the size it declares, before anything is
    /// unpacked, and never unpacked past that size: a few megabytes of zip that unpack to gigabytes (a "zip bomb")
    /// are refused as unreadable instead of exhausting the memory.
    /// </summary>
    public const int MaxFileBytes = 1 << 30;

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
            http.MaxResponseContentBufferSize = MaxFileBytes;
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

            if (entry.Length > MaxFileBytes)
            {
                throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{name} would unpack to {entry.Length:N0} bytes; a record file may hold at most {MaxFileBytes:N0}."));
            }

            // Exactly the size the entry declares: the zip reader stops there, and a shorter entry is torn.
            var bytes = new byte[entry.Length];
            await using var stream = await entry.OpenAsync(ct);
            try
            {
                await stream.ReadExactlyAsync(bytes, ct);
            }
            catch (EndOfStreamException)
            {
                throw new InvalidDataException($"{name} unpacks to fewer bytes than its zip entry declares.");
            }

            // The reader stops at the recorded size, so data that unpacks to more — or to other bytes — is seen only by
            // the checksum the entry records.
            if (System.IO.Hashing.Crc32.HashToUInt32(bytes) != entry.Crc32)
            {
                throw new InvalidDataException($"{name} does not unpack to what its zip entry records (its size or its CRC-32 differ).");
            }

            return bytes;
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
            var file = new FileInfo(Path.Combine(directory, name));
            if (!file.Exists)
            {
                return null;
            }

            return file.Length <= MaxFileBytes
                ? await File.ReadAllBytesAsync(file.FullName, ct)
                : throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{name} holds {file.Length:N0} bytes; a record file may hold at most {MaxFileBytes:N0}."));
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
