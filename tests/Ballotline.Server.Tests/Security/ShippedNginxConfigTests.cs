using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ballotline.Server.Tests.Security;

/// <summary>
/// The nginx configuration we ship (deploy/nginx/ballotline.conf), loaded as it is — only its certificate paths,
/// ports and log path pointed at the test's directory — into Debian's nginx: it must load, and its access log must
/// not keep a request whose path carries a tracking code or a ballot, which beside the client's address and the
/// time would pair a person with a ballot.
/// </summary>
public sealed class ShippedNginxConfigTests
{
    [Fact]
    public async Task The_shipped_nginx_configuration_loads_and_keeps_addresses_tokens_and_tracking_codes_out_of_its_logs()
    {
        var binary = Environment.GetEnvironmentVariable("BALLOTLINE_NGINX") ?? "/usr/sbin/nginx";
        Assert.True(File.Exists(binary), $"nginx is not at {binary}: run ./test.sh, which installs Debian's nginx package.");
        var directory = Path.Combine(Path.GetTempPath(), "ballotline-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=vote.example.org", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
            await File.WriteAllTextAsync(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        var port = Ports.Free();
        var site = (await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "nginx", "ballotline.conf")))
            .Replace("/etc/letsencrypt/live/vote.example.org/fullchain.pem", Path.Combine(directory, "cert.pem"), StringComparison.Ordinal)
            .Replace("/etc/letsencrypt/live/vote.example.org/privkey.pem", Path.Combine(directory, "key.pem"), StringComparison.Ordinal)
            .Replace("/var/log/nginx/ballotline.access.log", Path.Combine(directory, "access.log"), StringComparison.Ordinal)
            .Replace("/var/log/nginx/ballotline.error.log", Path.Combine(directory, "site-error.log"), StringComparison.Ordinal)
            .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{port} ssl http2;", StringComparison.Ordinal)
            .Replace("listen [::]:443 ssl http2;", string.Empty, StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{Ports.Free()};", StringComparison.Ordinal)
            .Replace("listen [::]:80;", string.Empty, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(directory, "access.log"), site, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(directory, "site.conf"), site);
        var user = Environment.UserName == "root" ? "user root;\n" : string.Empty;
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), user + $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log;
            events { worker_connections 64; }
            http {
                access_log {{directory}}/default.log;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/site.conf;
            }
            """);

        using var nginx = Process.Start(new ProcessStartInfo(binary, ["-c", Path.Combine(directory, "nginx.conf"), "-p", directory, "-g", "daemon off;"])
        {
            RedirectStandardError = true,
        })!;
        try
        {
            using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    await client.GetAsync("/help/faq");
                    return true;
                }
                catch (HttpRequestException)
                {
                    return nginx.HasExited ? throw new InvalidOperationException("nginx refused the shipped configuration: " + await nginx.StandardError.ReadToEndAsync()) : false;
                }
            }, "nginx serves the shipped configuration", 20);

            // There is no Ballotline behind it: nginx answers 502, and logs (or not) all the same — the error log too.
            string[] secret = ["/verify?code=0123456789abcdef", "/receipt/0123456789abcdef", "/api/ballots/0123456789abcdef", "/api/elections/town/ballot/encrypted"];
            foreach (var path in secret)
            {
                await client.GetAsync(path);
            }

            string[] voter = ["/register/invitationtoken42", "/api/registrations/invitationtoken42", "/api/trustee/trusteetoken42/ballots",
                "/account/reset-password?email=ada%40example.org&token=resettoken42", "/vote/0b0e6a2e-0000-4000-8000-00000000000e", "/feedback/0b0e6a2e-0000-4000-8000-00000000000e?from=vote"];
            foreach (var path in voter)
            {
                await client.GetAsync(path);
            }

            await client.PostAsync("/vote/0b0e6a2e-0000-4000-8000-00000000000e", new StringContent("BallotJson=secret-ballot-42"));
            await client.GetAsync("/elections/town/results");
            await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(directory, "access.log"))
                && File.ReadAllText(Path.Combine(directory, "access.log")).Contains("/elections/town/results", StringComparison.Ordinal)), "the ordinary request is logged");
            var log = await File.ReadAllTextAsync(Path.Combine(directory, "access.log"));
            var errors = string.Join("\n", new[] { "error.log", "site-error.log" }.Select(f => Path.Combine(directory, f)).Where(File.Exists).Select(File.ReadAllText));
            foreach (var text in new[] { log, errors })
            {
                Assert.DoesNotContain("0123456789abcdef", text, StringComparison.Ordinal);
                Assert.DoesNotContain("/api/elections/town/ballot", text, StringComparison.Ordinal);
                Assert.DoesNotContain("42", text, StringComparison.Ordinal); // every token, address and ballot above ends in 42
                Assert.DoesNotContain("ada", text, StringComparison.Ordinal);
                Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
            }

            // What is logged is still useful: the page, the method and the status, the secrets cut out.
            Assert.Contains("\"GET /register/-\" 502", log, StringComparison.Ordinal);
            Assert.Contains("\"GET /api/trustee/-/ballots\" 502", log, StringComparison.Ordinal);
            Assert.Contains("\"POST /vote/0b0e6a2e-0000-4000-8000-00000000000e\" 502", log, StringComparison.Ordinal);
            Assert.Contains("\"GET /account/reset-password\" 502", log, StringComparison.Ordinal);
        }
        finally
        {
            // The whole tree: killing the master alone left its workers running, orphaned, after the suite.
            nginx.Kill(entireProcessTree: true);
            await nginx.WaitForExitAsync();
        }
    }
}
