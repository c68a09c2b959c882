namespace Ballotline.Server.Infrastructure;

/// <summary>
/// Where the server's own files are read from. ASP.NET Core takes the working directory as its content root, but
/// a deployed server runs in its data directory (the systemd unit's <c>WorkingDirectory=/var/lib/ballotline</c>)
/// while <c>appsettings.json</c> and <c>wwwroot</c> are published beside <c>Ballotline.Server.dll</c>: started that
/// way it ignored its settings and served none of its scripts, so no voter's device could encrypt a ballot. A
/// published server (a <c>wwwroot</c> beside the assembly) therefore reads its files from there; data paths
/// (<c>Database:DataDirectory</c>, the pilot log) stay relative to the working directory.
/// </summary>
internal static class ShippedFiles
{
    /// <summary>The builder's options: the published files' directory as content root unless one was given (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>).</summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
        var published = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrEmpty(given) && published ? AppContext.BaseDirectory : null,
        };
    }
}
