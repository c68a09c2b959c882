using Ballotline.Crypto.Election;

namespace Ballotline.Crypto.Tests;

/// <summary>Titles and names are bound into the manifest hash: a relabelled manifest is another manifest.</summary>
public sealed class ManifestLabelsTests
{
    private static ElectionManifest Labelled(string first = "Alice Martin", string second = "Bob Lee") =>
        new("pilot-2026", [ContestDescription.ChooseExactly("mayor", 1, "alice", "bob")])
        {
            Labels = new ManifestLabels("Town pilot 2026", [new ContestLabels("Mayor", [first, second])]),
        };

    [Fact]
    public void Swapping_two_names_changes_the_manifest_hash_and_so_every_context()
    {
        var genuine = Labelled();
        var swapped = Labelled("Bob Lee", "Alice Martin");
        Assert.NotEqual(genuine.Hash(), swapped.Hash());
        Assert.NotEqual(ElectionContext.ComputeBaseHash(genuine, 1, 1), ElectionContext.ComputeBaseHash(swapped, 1, 1));
    }

    [Fact]
    public void A_manifest_without_labels_hashes_as_before_so_older_records_and_vectors_still_verify()
    {
        var plain = new ElectionManifest("pilot-2026", [ContestDescription.ChooseExactly("mayor", 1, "alice", "bob")]);
        Assert.NotEqual(plain.Hash(), Labelled().Hash());
        Assert.Equal(plain.Hash(), (Labelled() with { Labels = null }).Hash());
        Assert.DoesNotContain("labels", Serialization.CryptoJson.Serialize(plain), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Bob Lee")]
    [InlineData("Alice Martin", null)]
    public void A_missing_or_empty_name_is_refused(string first, string? second) =>
        Assert.Equal("manifest.label", Assert.Throws<CryptoFormatException>(() => Labelled(first, second!).Validate()).Check);

    [Fact]
    public void Labels_that_do_not_match_the_contests_are_refused()
    {
        var wrongCount = Labelled() with { Labels = new ManifestLabels("Town pilot 2026", [new ContestLabels("Mayor", ["Only one"])]) };
        Assert.Equal("manifest.labels", Assert.Throws<CryptoFormatException>(wrongCount.Validate).Check);
        var tooLong = Labelled(new string('n', ManifestLabels.MaxLength + 1));
        Assert.Equal("manifest.label", Assert.Throws<CryptoFormatException>(tooLong.Validate).Check);
    }
}
