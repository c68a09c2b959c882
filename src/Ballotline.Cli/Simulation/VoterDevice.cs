using System.Text.Json;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Serialization;
using Ballotline.Server.Voting;

namespace Ballotline.Cli.Simulation;

/// <summary>
/// A synthetic voter's device: it rebuilds the election context from the published manifest and trustee
/// commitments — refusing a server whose context hash does not match — and encrypts the voter's choice with
/// the same library the verifier uses. The choice never leaves the device in the clear.
/// </summary>
public sealed class VoterDevice
{
    private readonly ElectionContext _context;

    private VoterDevice(ElectionContext context) => _context = context;

    public static VoterDevice For(EncryptionContextView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new VoterDevice(view.Rebuild());
    }

    /// <summary>The encrypted ballot as JSON for the API, and the nonces that would open it if challenged.</summary>
    public (JsonElement Ballot, JsonElement Nonces) Encrypt(PlaintextBallot intent)
    {
        var result = BallotEncryptor.Encrypt(_context, intent);
        return (JsonDocument.Parse(CryptoJson.Serialize(result.Ballot)).RootElement, JsonDocument.Parse(CryptoJson.Serialize(result.Secrets.SelectionNonces)).RootElement);
    }
}
