namespace Ballotline.Crypto.Tests;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Vectors => Path.Combine(Root, "tests", "vectors");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ballotline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Ballotline.slnx) above " + AppContext.BaseDirectory);
    }
}
