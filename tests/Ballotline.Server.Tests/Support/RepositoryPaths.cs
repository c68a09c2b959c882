namespace Ballotline.Server.Tests;

/// <summary>The repository's root (where Ballotline.slnx is), for tests that read committed files: docs, deploy, schemas.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ballotline.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Ballotline.slnx) is not above the test's directory.");
    }
}
