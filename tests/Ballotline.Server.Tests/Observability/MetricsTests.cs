using System.Globalization;
using System.Text.RegularExpressions;
using Ballotline.Server.Tests.Anchoring;

namespace Ballotline.Server.Tests.Observability;

/// <summary>/metrics exports every pilot metric with the values the pilot produced.</summary>
public sealed partial class MetricsTests
{
    public static double Value(string exposition, string series)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"/metrics has no series {series}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_metrics_count_registrations_ballots_verifications_and_anchors()
    {
        await using var app = new BallotlineApp();
        var (_, _, receipts) = await AnchoringTests.CastAsync(app, "metrics", 3, groupSize: 4);
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, receipts[^1].TrackingCode)).Stage == "final", "the ballots are final");
        await AnchoringTests.VerifyAsync(app, receipts[0].TrackingCode);
        await app.CreateClient().GetAsync("/api/elections/no-such/result");

        var text = await app.CreateClient().GetStringAsync("/metrics");
        Assert.Equal(3, Value(text, "ballotline_votes_cast_total"));
        Assert.Equal(3, Value(text, "ballotline_registrations_started_total"));
        Assert.Equal(3, Value(text, "ballotline_registrations_completed_total"));
        Assert.Equal(1, Value(text, "ballotline_verifications_attempted_total"));
        Assert.Equal(1, Value(text, "ballotline_verifications_succeeded_total"));
        Assert.Equal(1, Value(text, "ballotline_chain_up"));
        Assert.Equal(0, Value(text, "ballotline_anchoring_backlog_ballots"));
        Assert.Equal(4, Value(text, "ballotline_pilot_participants"));
        Assert.Equal(3, Value(text, "ballotline_pilot_registered"));
        Assert.Equal(3, Value(text, "ballotline_pilot_voted"));
        Assert.True(Value(text, "ballotline_chain_transactions_submitted_total{kind=\"Anchor\"}") >= 1);
        Assert.True(Value(text, "ballotline_chain_transactions_confirmed_total{kind=\"Open\"}") == 1);
        Assert.InRange(Value(text, "ballotline_chain_gas_used_per_ballot"), 1, 30_000);
        Assert.True(Value(text, "ballotline_chain_confirmation_seconds_count") >= 1);
        Assert.True(Value(text, "ballotline_http_responses_total{class=\"4xx\"}") >= 1);
        Assert.True(Value(text, "ballotline_active_users") >= 1);
        Assert.Matches(HttpDurationForBallots(), text);
    }

    [GeneratedRegex("http_request_duration_seconds_count\\{[^}]*endpoint=\"/api/elections/\\{electionId:guid\\}/ballot/\"")]
    private static partial Regex HttpDurationForBallots();
}
