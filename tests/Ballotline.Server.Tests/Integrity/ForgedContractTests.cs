using System.IO.Compression;
using System.Text.Json.Nodes;
using Ballotline.Ledger.Chain;
using Ballotline.Server.Elections;
using Ballotline.Server.Tests.Results;
using Ballotline.Testing;
using Ballotline.Verifier;

namespace Ballotline.Server.Tests.Integrity;

/// <summary>
/// A forger deploys their own BallotLedger on the same chain, anchors the record's roots there, and points the
/// record's <c>ledger.json</c> at it (every edited file re-hashed). Read from the record alone the chain agrees
/// with it; only the announcement kept from before voting catches it — the contract is not the announced one,
/// and an announcement forged to name it still names an authority that contract does not answer to. The
/// JavaScript verifier (web/verifier) is run beside the C# one at each step and must say the same.
/// </summary>
public sealed class ForgedContractTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    [Fact]
    public async Task A_record_anchored_on_a_forgers_own_contract_fails_against_the_announcement_kept_from_before_voting()
    {
        await using var app = new BallotlineApp().WithChain(anvil.RpcUrl, await LedgerTestAccounts.FundedKeyAsync(anvil), recordingConfirmations: "1");
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("forged-contract", 3);
        await pilot.OpenVotingAsync(election.Id);
        foreach (var invitation in invitations)
        {
            await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(await pilot.RegisterAsync(invitation), election.Id, "compass"));
        }

        // The announcement as a voter keeps it, from the election's page before voting.
        var announcement = await Eventually.ValueAsync(async () =>
        {
            var response = await app.CreateClient().GetAsync("/api/elections/forged-contract/announcement");
            return response.IsSuccessStatusCode ? ElectionAnnouncement.Parse(await response.Content.ReadAsStringAsync()) : null;
        }, "the election is announced");
        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => Task.FromResult(db.Anchors.Any(a => a.Kind == Server.Anchoring.AnchorKind.Close && a.Status == Server.Anchoring.AnchorStatus.Final))),
            "the close is final on the chain");
        var genuine = await app.CreateClient().GetByteArrayAsync("/api/elections/forged-contract/record.zip");

        var announcementJson = await app.CreateClient().GetStringAsync("/api/elections/forged-contract/announcement");
        var honest = await ElectionRecordVerifierTests.VerifyAsync(genuine, anvil.RpcUrl, announcement);
        Assert.True(honest.All(c => c.Passed && !c.Skipped), string.Join("\n", honest));
        var honestInJavaScript = await JavaScriptVerifier.VerifyAsync(genuine, anvil.RpcUrl, announcementJson);
        Assert.True(honestInJavaScript is { ExitCode: 0, Verdict: "VERIFIED" }, honestInJavaScript.ToString());
        Assert.Equal(honest.Select(c => c.Name), honestInJavaScript.Checks.Select(c => c.Name));

        // The forger's contract, with the record's own roots anchored by the forger's account.
        var forgerWeb3 = anvil.Web3For(await LedgerTestAccounts.FundedKeyAsync(anvil));
        var forgerLedger = new LedgerChain(forgerWeb3, await LedgerChain.DeployAsync(forgerWeb3));
        var ledger = JsonNode.Parse(ReadEntry(genuine, "ledger.json"))!;
        var electionId = Convert.FromHexString(ledger["electionId"]!.GetValue<string>());
        var genuineClose = (await new ChainReader(anvil.RpcUrl).AnchorsAsync(ledger["contract"]!.GetValue<string>(), electionId)).Single(a => a.Kind == "Close");
        await forgerLedger.OpenElectionAsync(electionId, new byte[32]);
        foreach (var anchor in ledger["anchors"]!.AsArray().Select(a => a!))
        {
            var size = anchor["treeSize"]!.GetValue<long>();
            var root = Convert.FromHexString(anchor["root"]!.GetValue<string>());
            var receipt = anchor["kind"]!.GetValue<string>() == "Close"
                ? await forgerLedger.CloseElectionAsync(electionId, size, root, Convert.FromHexString(genuineClose.ResultHash!))
                : await forgerLedger.AnchorAsync(electionId, size, root);
            anchor["transactionHash"] = receipt.TransactionHash;
            anchor["blockNumber"] = (long)receipt.BlockNumber.Value;
        }

        ledger["contract"] = forgerLedger.ContractAddress.ToLowerInvariant();
        var forged = ElectionRecordVerifierTests.TamperFiles(genuine, files => files["ledger.json"] = ledger.ToJsonString());

        // Without the announcement, every check that can run passes — and the announcement's are reported skipped.
        var unanchored = await ElectionRecordVerifierTests.VerifyAsync(forged, anvil.RpcUrl);
        Assert.True(unanchored.All(c => c.Passed), string.Join("\n", unanchored));
        Assert.Contains(unanchored, c => c is { Name: "announcement", Skipped: true });
        Assert.Contains(unanchored, c => c is { Name: "chain.contract", Skipped: true });
        var unanchoredInJavaScript = await JavaScriptVerifier.VerifyAsync(forged, anvil.RpcUrl);
        Assert.True(unanchoredInJavaScript.ExitCode == 3 && unanchoredInJavaScript.Verdict.Contains("THE ANNOUNCEMENT", StringComparison.Ordinal), unanchoredInJavaScript.ToString());

        // With the announcement: not the announced contract.
        var checkedAgainstAnnouncement = await ElectionRecordVerifierTests.VerifyAsync(forged, anvil.RpcUrl, announcement);
        var failed = checkedAgainstAnnouncement.Single(c => c.Name == "announcement");
        Assert.False(failed.Passed);
        Assert.Contains("is not the announced", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(checkedAgainstAnnouncement.Where(c => !c.Passed).Select(c => c.Name), (await JavaScriptVerifier.VerifyAsync(forged, anvil.RpcUrl, announcementJson)).Failed);

        // An announcement forged to name the forger's contract, with the genuine authority: that contract answers to the forger.
        var forgedAnnouncement = announcement with { Contract = forgerLedger.ContractAddress.ToLowerInvariant() };
        var contract = (await ElectionRecordVerifierTests.VerifyAsync(forged, anvil.RpcUrl, forgedAnnouncement)).Single(c => c.Name == "chain.contract");
        Assert.False(contract.Passed);
        Assert.Contains("its authority is", contract.Detail, StringComparison.Ordinal);
        var forgedAnnouncementJson = JsonNode.Parse(announcementJson)!;
        forgedAnnouncementJson["contract"] = forgerLedger.ContractAddress.ToLowerInvariant();
        Assert.Contains("chain.contract", (await JavaScriptVerifier.VerifyAsync(forged, anvil.RpcUrl, forgedAnnouncementJson.ToJsonString())).Failed);

        // And a contract that is not BallotLedger at all (any code that emits look-alike events) is named as such.
        Assert.Contains("another contract", LedgerCode.Mismatch(new byte[] { 0x60, 0x00 }, announcement.Authority), StringComparison.Ordinal);
        Assert.Equal("there is no contract at that address", LedgerCode.Mismatch([], announcement.Authority));
    }

    private static string ReadEntry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
