using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Ballotline.Server.Tests.Security;

/// <summary>
/// Behind a real nginx (Debian's package) configured as in deploy/nginx: each voter's own address is what the
/// rate limits count, and a TLS-terminating proxy makes cookies Secure, adds HSTS and makes links https.
/// Clients connect from different loopback addresses (127.0.0.2, 127.0.0.3), which nginx forwards.
/// </summary>
public sealed class ProxyTests
{
    private static HttpClient From(string localAddress, int port) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

    [Fact]
    public async Task Behind_nginx_each_client_has_its_own_rate_limit_and_tls_gives_secure_cookies_hsts_and_https_links()
    {
        await using var app = new BallotlineApp().With("RateLimits:SignInPerMinutePerAddress", "3");
        var serverPort = Ports.Free();
        app.UseKestrel(serverPort);
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("behind-nginx"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));
        await pilot.MoveAsync(election.Id, Server.Elections.ElectionState.RegistrationOpen);

        var proxyPort = Ports.Free();
        // deploy/nginx sends $scheme from its TLS server block, i.e. https; this test proxy stands for it.
        await using var nginx = await NginxProxy.StartAsync(Path.Combine(app.DataDirectory, "nginx"), proxyPort, [serverPort], forwardedProto: "https");
        // A stranger at 127.0.0.2 guessing passwords is stopped after 3 tries; the voter at 127.0.0.3 is not.
        using var stranger = From("127.0.0.2", proxyPort);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await stranger.PostAsJsonAsync("/api/auth/token", new { email = "admin@example.org", password = "wrong guess " + i })).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        using var voter = From("127.0.0.3", proxyPort);
        var signIn = await voter.PostAsJsonAsync("/api/auth/token", new { email = "admin@example.org", password = PilotDriver.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        // TLS at the proxy: HSTS, Secure cookies, https links.
        var page = await voter.GetAsync("/account/sign-in");
        Assert.True(page.Headers.Contains("Strict-Transport-Security"), "HSTS behind TLS");
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        var token = (await signIn.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        voter.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var invitations = await voter.PostAsync($"/api/elections/{election.Id}/invitations", null);
        await PilotDriver.EnsureAsync(invitations);
        var links = (await invitations.Content.ReadFromJsonAsync<List<Server.PilotGroup.PilotGroupApi.InvitationView>>())!;
        Assert.All(links, l => Assert.StartsWith($"https://127.0.0.1:{proxyPort}/register/", l.Link, StringComparison.Ordinal));

        // Straight to the server (no proxy), plain HTTP: no HSTS.
        Assert.False((await app.CreateClient().GetAsync("/account/sign-in")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_stranger_guessing_passwords_is_throttled_by_address_and_cannot_lock_the_voter_out()
    {
        await using var app = new BallotlineApp();
        var serverPort = Ports.Free();
        app.UseKestrel(serverPort);
        await PilotDriver.StartAsync(app);
        var proxyPort = Ports.Free();
        // deploy/nginx sends $scheme from its TLS server block, i.e. https; this test proxy stands for it.
        await using var nginx = await NginxProxy.StartAsync(Path.Combine(app.DataDirectory, "nginx"), proxyPort, [serverPort], forwardedProto: "https");
        using var stranger = From("127.0.0.2", proxyPort);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Ballotline.Server.Accounts.SignInThrottle.FailuresPerAddress + 5; i++)
        {
            statuses.Add((await stranger.PostAsJsonAsync("/api/auth/token", new { email = "admin@example.org", password = "wrong guess " + i })).StatusCode);
        }

        Assert.All(statuses.Take(Ballotline.Server.Accounts.SignInThrottle.FailuresPerAddress), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(Ballotline.Server.Accounts.SignInThrottle.FailuresPerAddress), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // The account is not locked: its owner, elsewhere, signs in.
        using var owner = From("127.0.0.3", proxyPort);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/auth/token", new { email = "admin@example.org", password = PilotDriver.Password })).StatusCode);
    }
}
