using PublicApiGenerator;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// The crypto library's public API is a contract with the server, the verifier and third parties: any change
/// to it shows up here as a diff to review. Set BALLOTLINE_UPDATE_API=1 to accept an intended change.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_has_not_changed_without_review()
    {
        var api = typeof(CryptoFormatException).Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] });
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Ballotline.Crypto.Tests", "PublicApi.approved.txt");
        if (Environment.GetEnvironmentVariable("BALLOTLINE_UPDATE_API") == "1")
        {
            File.WriteAllText(path, api);
        }

        Assert.True(File.Exists(path), "PublicApi.approved.txt is missing: run once with BALLOTLINE_UPDATE_API=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings(), api.ReplaceLineEndings());
    }
}
