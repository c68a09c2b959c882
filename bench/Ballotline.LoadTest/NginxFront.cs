using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ballotline.LoadTest;

/// <summary>Debian's nginx in front of the instances (round robin, keep-alive to each), stopped by its PID.</summary>
internal sealed class NginxFront : IDisposable
{
    private readonly Process _process;

    private NginxFront(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<NginxFront> StartAsync(string binary, string dataDirectory, IReadOnlyList<int> ports)
    {
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException($"nginx is not at {binary}: install Debian's nginx package (./test.sh does) or give --nginx PATH.");
        }

        var directory = Directory.CreateDirectory(Path.Combine(dataDirectory, "nginx")).FullName;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            var listen = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var user = Environment.UserName == "root" ? "user root;\n" : string.Empty;
            await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), user + $$"""
                worker_processes auto;
                pid {{directory}}/nginx.pid;
                error_log {{directory}}/error.log;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path {{directory}}/body;
                    proxy_temp_path {{directory}}/proxy;
                    fastcgi_temp_path {{directory}}/fastcgi;
                    uwsgi_temp_path {{directory}}/uwsgi;
                    scgi_temp_path {{directory}}/scgi;
                    upstream ballotline {
                {{string.Concat(ports.Select(p => $"        server 127.0.0.1:{p};\n"))}}        keepalive 64;
                    }
                    server {
                        listen 127.0.0.1:{{listen}};
                        location / {
                            proxy_pass http://ballotline;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host:$server_port;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        }
                    }
                }
                """);
            var process = Process.Start(new ProcessStartInfo(binary, ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;"]))!;
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, listen);
                    return new NginxFront(process, $"http://127.0.0.1:{listen}");
                }
                catch (SocketException)
                {
                    await Task.Delay(100);
                }
            }

            process.Kill(entireProcessTree: true);
            throw new TimeoutException("nginx did not listen: " + await File.ReadAllTextAsync(Path.Combine(directory, "error.log")));
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
