using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ballotline.Server.Accounts;
using Ballotline.Server.Elections;
using Ballotline.Server.PilotGroup;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests;

/// <summary>Drives a test election through the same HTTP API the simulator and other programs use.</summary>
internal sealed class PilotDriver
{
    public const string Password = "correct horse battery";

    private PilotDriver(BallotlineApp app, HttpClient admin)
    {
        App = app;
        Admin = admin;
    }

    public BallotlineApp App { get; }

    public HttpClient Admin { get; }

    public static async Task<PilotDriver> StartAsync(BallotlineApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.StartServer(); // starts the host (test server or Kestrel): migrations run
        await app.WithServiceAsync(async s =>
        {
            var setup = s.GetRequiredService<SetupService>();
            var token = await setup.IssueTokenAsync() ?? throw new InvalidOperationException("Setup was already done.");
            return await setup.CreateFirstAdministratorAsync(token, "admin@example.org", "Admin", Password);
        });
        return new PilotDriver(app, await SignInAsync(app, "admin@example.org", Password));
    }

    /// <summary>The same pilot with the organiser signed in again (an API sign-in lasts an hour of the test's clock).</summary>
    public async Task<PilotDriver> SignedInAgainAsync() => new(App, await SignInAsync(App, "admin@example.org", Password));

    public static async Task<HttpClient> SignInAsync(BallotlineApp app, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static ElectionInput Input(string slug, bool votingOpenNow = true) => new(
        slug, $"Pilot {slug}", "A test election", true,
        [new ContestSpec("project-name", "Project name", [new("aurora", "Aurora"), new("beacon", "Beacon"), new("compass", "Compass")], 1, 1)],
        DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(3),
        votingOpenNow ? DateTimeOffset.UtcNow.AddMinutes(-5) : DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(3),
        DateTimeOffset.UtcNow.AddDays(5), "support@example.org", "9 AM – 6 PM");

    public async Task<ElectionSummary> CreateElectionAsync(ElectionInput input)
    {
        var response = await Admin.PostAsJsonAsync("/api/elections", input);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<ElectionSummary>())!;
    }

    /// <summary>The organiser's election key passphrase in tests: seals the 1-of-1 key, opens it to tally.</summary>
    public const string KeyPassphrase = "correct horse battery staple";

    /// <summary>Moves the election, giving the key passphrase as an organiser would (it seals the key, or opens it to count).</summary>
    public Task<HttpResponseMessage> TransitionAsync(Guid electionId, ElectionState to, string? reason = null) =>
        Admin.PostAsJsonAsync($"/api/elections/{electionId}/transitions", new { to = to.ToString(), reason, keyPassphrase = KeyPassphrase });

    public async Task MoveAsync(Guid electionId, params ElectionState[] path)
    {
        foreach (var state in path)
        {
            await EnsureAsync(await TransitionAsync(electionId, state, "test"));
        }
    }

    /// <summary>An election (<paramref name="input"/>, or <see cref="Input"/>) with a pilot group of <paramref name="voters"/>, registration open and every invitation issued.</summary>
    public async Task<(ElectionSummary Election, IReadOnlyList<PilotGroupApi.InvitationView> Invitations)> OpenRegistrationAsync(string slug, int voters, string domain = "example.org", ElectionInput? input = null)
    {
        var election = await CreateElectionAsync(input ?? Input(slug));
        await EnsureAsync(await ImportAsync(election.Id, GroupCsv(voters, domain)));
        await MoveAsync(election.Id, ElectionState.RegistrationOpen);
        return (election, await InviteAsync(election.Id));
    }

    /// <summary>
    /// An election that mails each voter when their ballot is final, open for voting, in which all <paramref name="voters"/>
    /// register and cast: its receipts, in casting order.
    /// </summary>
    public async Task<(ElectionSummary Election, List<Server.Voting.Receipt> Receipts)> CastWithFinalityNoticesAsync(string slug, int voters, string domain)
    {
        var (election, invitations) = await OpenRegistrationAsync(slug, voters, domain, Input(slug) with { EmailWhenFinal = true });
        await OpenVotingAsync(election.Id);
        var receipts = new List<Server.Voting.Receipt>();
        foreach (var invitation in invitations)
        {
            var cast = await CastAsync(await RegisterAsync(invitation), election.Id, "beacon");
            await EnsureAsync(cast);
            receipts.Add((await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>())!);
        }

        return (election, receipts);
    }

    /// <summary>
    /// Opens voting by hand, or finds it already open: with voting scheduled in the past, the scheduler (every
    /// 10 s) may open it first, which is the same outcome.
    /// </summary>
    public async Task OpenVotingAsync(Guid electionId)
    {
        var response = await TransitionAsync(electionId, ElectionState.VotingOpen, "test");
        if (!response.IsSuccessStatusCode)
        {
            var state = (await Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{electionId}"))!.State;
            Assert.True(state == nameof(ElectionState.VotingOpen), $"voting did not open: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public Task<HttpResponseMessage> ImportAsync(Guid electionId, string csv) =>
        Admin.PostAsync($"/api/elections/{electionId}/voters/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    public static string GroupCsv(int size, string domain = "example.org")
    {
        var csv = new StringBuilder("name,email,group,age_band,location\n");
        string[] bands = ["18-29", "30-44", "45-59", "60+"];
        for (var i = 0; i < size; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Voter {i},voter{i}@{domain},{(i % 5 < 2 ? "technical" : "average")},{bands[i % 4]},City {i % 3}\n");
        }

        return csv.ToString();
    }

    public async Task<IReadOnlyList<PilotGroupApi.InvitationView>> InviteAsync(Guid electionId)
    {
        var response = await Admin.PostAsync($"/api/elections/{electionId}/invitations", null);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<List<PilotGroupApi.InvitationView>>())!;
    }

    public static string TokenOf(PilotGroupApi.InvitationView invitation) => invitation.Link[(invitation.Link.LastIndexOf('/') + 1)..];

    /// <summary>Registers through the invitation and returns a signed-in API client for the voter.</summary>
    public async Task<HttpClient> RegisterAsync(PilotGroupApi.InvitationView invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var anonymous = App.CreateClient();
        var token = TokenOf(invitation);
        await EnsureAsync(await anonymous.GetAsync($"/api/registrations/{token}"));
        await EnsureAsync(await anonymous.PostAsJsonAsync($"/api/registrations/{token}", new { password = Password, acknowledgedTestNotice = true }));
        return await SignInAsync(App, invitation.Email, Password);
    }

    /// <summary>
    /// Casts as the product does: the voter's device fetches the ballot and the election's encryption context,
    /// encrypts <paramref name="choice"/> for the election's key with proofs, and sends only the encrypted ballot.
    /// A refusal of either request is returned as it came.
    /// </summary>
    public static async Task<HttpResponseMessage> CastAsync(HttpClient voter, Guid electionId, string choice, bool emailReceipt = false)
    {
        ArgumentNullException.ThrowIfNull(voter);
        var ballot = await voter.GetAsync($"/api/elections/{electionId}/ballot");
        if (!ballot.IsSuccessStatusCode)
        {
            return ballot;
        }

        var view = (await ballot.Content.ReadFromJsonAsync<Server.Voting.VotingApi.BallotView>())!;
        return await voter.PostAsJsonAsync($"/api/elections/{electionId}/ballot/encrypted",
            new { ballot = EncryptedBallot(view.Encryption.Rebuild(), choice), emailReceipt });
    }

    /// <summary>As the voter's device does: the encryption context from the ballot page, <paramref name="choice"/> encrypted with proofs.</summary>
    public static async Task<JsonElement> EncryptOnDeviceAsync(HttpClient voter, Guid electionId, string choice)
    {
        ArgumentNullException.ThrowIfNull(voter);
        var view = (await voter.GetFromJsonAsync<Server.Voting.VotingApi.BallotView>($"/api/elections/{electionId}/ballot"))!;
        return EncryptedBallot(view.Encryption.Rebuild(), choice);
    }

    /// <summary>A ballot for <paramref name="choice"/> in the test elections' one contest, encrypted with proofs, as the JSON a device posts.</summary>
    public static JsonElement EncryptedBallot(Crypto.Election.ElectionContext context, string choice) =>
        JsonDocument.Parse(Crypto.Serialization.CryptoJson.Serialize(
            Crypto.Ballots.BallotEncryptor.Encrypt(context, Crypto.Ballots.PlaintextBallot.ForContest("project-name", choice)).Ballot)).RootElement;

    /// <summary>
    /// Sends choices in the clear for the server to encrypt — the path <c>Voting:ServerSideEncryption</c> opens for
    /// programs and load benchmarks, never used by browsers — for the tests about that path.
    /// </summary>
    public static Task<HttpResponseMessage> CastInTheClearAsync(HttpClient voter, Guid electionId, params string[] chosen) =>
        voter.PostAsJsonAsync($"/api/elections/{electionId}/ballot", new { selections = new Dictionary<string, string[]> { ["project-name"] = chosen } });

    /// <summary>Challenges (spoils) a ballot for <paramref name="choice"/> encrypted on the voter's device, revealing its nonces, as "Challenge this ballot" does.</summary>
    public static async Task<HttpResponseMessage> ChallengeOnDeviceAsync(HttpClient voter, Guid electionId, string choice)
    {
        ArgumentNullException.ThrowIfNull(voter);
        var view = (await voter.GetFromJsonAsync<Server.Voting.VotingApi.BallotView>($"/api/elections/{electionId}/ballot"))!;
        var audited = Crypto.Ballots.BallotEncryptor.Encrypt(view.Encryption.Rebuild(), Crypto.Ballots.PlaintextBallot.ForContest("project-name", choice));
        return await voter.PostAsJsonAsync($"/api/elections/{electionId}/ballot/challenge", new
        {
            ballot = System.Text.Json.JsonDocument.Parse(Crypto.Serialization.CryptoJson.Serialize(audited.Ballot)).RootElement,
            nonces = System.Text.Json.JsonDocument.Parse(Crypto.Serialization.CryptoJson.Serialize(audited.Secrets.SelectionNonces)).RootElement,
        });
    }

    public static async Task EnsureAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Submits a page's form as a browser does: opens <paramref name="page"/> for the antiforgery token it carries, then
    /// posts <paramref name="fields"/> with it to <paramref name="action"/> (the client keeps the cookies).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient browser, string page, string action, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(fields);
        var html = await browser.GetStringAsync(page);
        fields["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
