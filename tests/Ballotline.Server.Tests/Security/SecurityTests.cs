using System.Net;
using Ballotline.Crypto.Group;
using Ballotline.Server.Accounts;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Security;

public sealed class SecurityTests
{
    [Fact]
    public async Task Data_protection_keys_are_stored_encrypted_and_the_trustee_key_only_sealed()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("secrets"));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("ballotlineEncryptedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        var stored = await app.WithDbAsync(db => db.Elections.SingleAsync(e => e.Id == election.Id));
        var key = await app.WithServiceAsync(s => Task.FromResult(s.GetRequiredService<ElectionCrypto>().TrusteeKey(stored, PilotDriver.KeyPassphrase)));
        Assert.DoesNotContain(key.Secret.ToHex(), stored.SealedTrusteeKey!, StringComparison.Ordinal);
        var commitments = stored.CommitmentsJson ?? string.Empty;
        Assert.Contains(GroupElement.GeneratorPower(key.Secret).ToHex(), commitments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setup_link_works_once_and_a_wrong_one_gets_a_clear_page()
    {
        await using var app = new BallotlineApp();
        app.StartServer();
        var token = (await app.WithServiceAsync(s => s.GetRequiredService<SetupService>().IssueTokenAsync()))!;
        var client = app.CreateClient();
        var wrong = await client.GetStringAsync("/setup?token=nonsense");
        Assert.Contains("This setup link is not valid", wrong, StringComparison.Ordinal);
        Assert.Contains("Create administrator", await client.GetStringAsync($"/setup?token={token}"), StringComparison.Ordinal);

        await app.WithServiceAsync(s => s.GetRequiredService<SetupService>().CreateFirstAdministratorAsync(token, "first@example.org", "First", PilotDriver.Password));
        Assert.Contains("This setup link is not valid", await client.GetStringAsync($"/setup?token={token}"), StringComparison.Ordinal);
        Assert.Null(await app.WithServiceAsync(s => s.GetRequiredService<SetupService>().IssueTokenAsync()));
        var stored = await app.WithDbAsync(db => db.SetupTokens.Select(t => t.TokenHash).ToListAsync());
        Assert.DoesNotContain(token, stored);
    }

    [Fact]
    public async Task Admin_pages_require_an_administrator_and_api_errors_are_problem_details()
    {
        await using var app = new BallotlineApp();
        await PilotDriver.StartAsync(app);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var page = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var missing = await client.GetAsync($"/api/elections/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not-found", (await PilotDriver.ProblemAsync(missing)).GetProperty("code").GetString());
        var badSignIn = await client.PostAsync("/api/auth/token", new StringContent("{\"email\":\"admin@example.org\",\"password\":\"wrong\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, badSignIn.StatusCode);
        Assert.Equal("application/problem+json", badSignIn.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_and_openapi_are_served()
    {
        await using var app = new BallotlineApp();
        await PilotDriver.StartAsync(app);
        var client = app.CreateClient();
        var health = await client.GetStringAsync("/healthz");
        Assert.Contains("\"database\":{\"status\":\"healthy\"", health, StringComparison.Ordinal);
        var openapi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/elections/{electionId}/ballot", openapi, StringComparison.Ordinal);
    }
}
