using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ballotline.Server.Tests;

/// <summary>
/// Debian's nginx in front of one or more server instances (round robin, keep-alive to each), on a free port of the
/// caller's, with its own configuration and directory; stopped by its PID. <see cref="AccessLog"/> keeps, per
/// request, the upstream that answered, so a test can see which instance served what. Also linked into the load
/// benchmark (bench/Ballotline.LoadTest), which turns the log off.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;

    private NginxProxy(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        AccessLog = Path.Combine(directory, "access.log");
    }

    public int Port { get; }

    /// <summary>One line per request: <c>upstream-address method path status</c>.</summary>
    public string AccessLog { get; }

    /// <summary>
    /// Starts nginx (<paramref name="binary"/>, else <c>BALLOTLINE_NGINX</c>, else Debian's) on
    /// <paramref name="listenPort"/> forwarding to <paramref name="serverPorts"/>; with <paramref name="forwardedProto"/>
    /// "https" it stands for the shipped TLS server block.
    /// </summary>
    public static async Task<NginxProxy> StartAsync(string directory, int listenPort, IReadOnlyList<int> serverPorts, string forwardedProto = "$scheme",
        bool logRequests = true, string? binary = null)
    {
        binary ??= Environment.GetEnvironmentVariable("BALLOTLINE_NGINX") ?? "/usr/sbin/nginx";
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException($"nginx is not at {binary}: run ./test.sh, which installs Debian's nginx package.");
        }

        Directory.CreateDirectory(directory);
        var user = Environment.UserName == "root" ? "user root;\n" : string.Empty;
        var upstreams = string.Concat(serverPorts.Select(p => $"        server 127.0.0.1:{p};\n"));
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), user + $$"""
            worker_processes auto;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log;
            events { worker_connections 4096; }
            http {
                log_format upstream '$upstream_addr $request_method $uri $status';
                access_log {{(logRequests ? $"{directory}/access.log upstream" : "off")}};
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                upstream ballotline {
            {{upstreams}}        keepalive 64;
                }
                server {
                    listen 127.0.0.1:{{listenPort}};
                    location / {
                        proxy_pass http://ballotline;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host:$server_port;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto {{forwardedProto}};
                    }
                }
            }
            """);
        var nginx = Process.Start(new ProcessStartInfo(binary, ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, listenPort);
                return new NginxProxy(nginx, listenPort, directory);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        nginx.Kill(entireProcessTree: true);
        throw new TimeoutException($"nginx did not listen: {await File.ReadAllTextAsync(Path.Combine(directory, "error.log"))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
