using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ballotline.TrusteeTool;

namespace Ballotline.Server.Tests.Ceremony;

/// <summary>
/// Fingerprints are what trustees read to each other before they deal their shares. A dishonest server could show a
/// dealer its own transport key in another trustee's place and open the share sealed to it; the fingerprint the
/// dealer is shown for that trustee must then differ from the one the trustee read out at keygen.
/// </summary>
public sealed partial class TrusteeFingerprintTests
{
    private const string Generator = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"; // the server's "transport key"

    [GeneratedRegex(@"Your fingerprint \(read it to the other trustees\): ([0-9a-f]{16})")]
    private static partial Regex Own();

    [GeneratedRegex(@"trustee (\d) \([A-Za-z]+\): ([0-9a-f]{16})")]
    private static partial Regex Shown();

    [Fact]
    public async Task A_transport_key_swapped_by_the_server_changes_the_fingerprint_the_dealer_is_shown_before_dealing()
    {
        await using var app = new BallotlineApp();
        var e = await TrusteeElection.AppointAsync(app, "fingerprints", 2, "Ada", "Ben", "Cleo");
        var (server, trustees) = (e.Server, e.Trustees);
        FileInfo Key(int index) => e.KeyFile(index);
        var readOut = new Dictionary<int, string>();
        foreach (var t in trustees)
        {
            var said = new StringWriter();
            await new TrusteeClient(said).KeygenAsync(server, t.Token, Key(t.Index), CancellationToken.None);
            readOut[t.Index] = Own().Match(said.ToString()).Groups[1].Value;
        }

        Assert.Equal(3, readOut.Values.Distinct(StringComparer.Ordinal).Count(v => v.Length == 16));

        // Ada is shown the server's key in Ben's place: the fingerprint she is shown for Ben is not the one Ben read out
        // (and is printed before anything is dealt); Cleo's still matches.
        var ada = new StringWriter();
        using (var wire = new ResponseRewriter((path, body) => ResponseRewriter.IsTrusteeView(path) ? WithTransportKey(body, 2, Generator) : null))
        {
            await new TrusteeClient(ada, wire).ShareAsync(Key(1), CancellationToken.None);
        }

        var shown = Shown().Matches(ada.ToString()).ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[2].Value);
        Assert.NotEqual(readOut[2], shown[2]);
        Assert.Equal(readOut[3], shown[3]);
        Assert.True(ada.ToString().IndexOf("trustee 2 (Ben)", StringComparison.Ordinal) < ada.ToString().IndexOf("Dealt ", StringComparison.Ordinal), "the fingerprints come before the dealing");

        // Without the swap, Ben is shown exactly what Ada and Cleo read out.
        var ben = new StringWriter();
        await new TrusteeClient(ben).ShareAsync(Key(2), CancellationToken.None);
        var benShown = Shown().Matches(ben.ToString()).ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[2].Value);
        Assert.Equal(readOut[1], benShown[1]);
        Assert.Equal(readOut[3], benShown[3]);
    }

    /// <summary>The trustee's view as a dishonest server would send it: trustee <paramref name="index"/>'s transport key replaced.</summary>
    private static string WithTransportKey(string view, int index, string transportKey)
    {
        var node = JsonNode.Parse(view)!;
        foreach (var other in node["others"]!.AsArray())
        {
            if ((int)other!["index"]! == index)
            {
                other["transportKey"] = transportKey;
            }
        }

        return node.ToJsonString();
    }
}
