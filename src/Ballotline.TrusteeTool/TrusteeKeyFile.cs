using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ballotline.TrusteeTool;

/// <summary>
/// A trustee's secrets for one election, on the trustee's own machine and nowhere else: the polynomial's
/// coefficients, the transport key that opens shares dealt to them, and (after the ceremony) their key share.
/// Written readable by its owner only, before anything is sent, so that an upload never outlives its secret.
/// <see cref="Decrypted"/> is the one ballot log this key's share has decrypted the sum of: it decrypts no other
/// (two different sums would let their difference reveal ballots).
/// </summary>
public sealed record TrusteeKeyFile(
    string Version,
    string Server,
    string Token,
    Guid ElectionId,
    string Election,
    int Index,
    int Trustees,
    int Quorum,
    string BaseHash,
    IReadOnlyList<string> Coefficients,
    string TransportSecret,
    string? KeyShare,
    DecryptedLog? Decrypted = null)
{
    public const string CurrentVersion = "ballotline/trustee-key/v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static TrusteeKeyFile Read(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        // Not FileInfo.Exists: it keeps what it saw when the FileInfo was made, before keygen wrote the file.
        if (!File.Exists(file.FullName))
        {
            throw new FileNotFoundException($"No trustee key file at {file.FullName}: run `ballotline-trustee keygen` first.");
        }

        var key = JsonSerializer.Deserialize<TrusteeKeyFile>(File.ReadAllText(file.FullName), Json)
            ?? throw new InvalidDataException($"{file.FullName} is empty.");
        return key.Version == CurrentVersion ? key : throw new InvalidDataException($"{file.FullName} is not a Ballotline trustee key file ({CurrentVersion}).");
    }

    public void Write(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.Directory?.Create();
        var temporary = file.FullName + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }

        File.Move(temporary, file.FullName, overwrite: true);
    }
}
