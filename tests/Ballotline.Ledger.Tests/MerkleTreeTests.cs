using Ballotline.Ledger.Log;

namespace Ballotline.Ledger.Tests;

public sealed class MerkleTreeTests
{
    // The Certificate Transparency reference inputs and the roots of their first 1…8 leaves.
    private static readonly string[] ReferenceLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] ReferenceRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static List<byte[]> Leaves(int n) => [.. Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i)))];

    [Fact]
    public void Roots_match_the_certificate_transparency_reference_values()
    {
        var leaves = ReferenceLeaves.Select(h => MerkleTree.LeafHash(Convert.FromHexString(h))).ToList();
        for (var n = 1; n <= leaves.Count; n++)
        {
            Assert.Equal(ReferenceRoots[n - 1], Convert.ToHexStringLower(MerkleTree.Root(leaves, n)));
        }
    }

    [Fact]
    public void The_empty_tree_hash_is_the_hash_of_nothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.Root([], 0)));
    }

    [Fact]
    public void Every_leaf_of_every_tree_up_to_forty_has_a_verifying_inclusion_proof()
    {
        var leaves = Leaves(40);
        for (var n = 1; n <= 40; n++)
        {
            var root = MerkleTree.Root(leaves, n);
            for (var i = 0; i < n; i++)
            {
                var proof = MerkleTree.InclusionProof(leaves, i, n);
                Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, n, proof, root), $"leaf {i} of {n}");
                Assert.False(MerkleTree.VerifyInclusion(leaves[(i + 1) % 40], i, n, proof, root));
            }
        }
    }

    [Fact]
    public void Every_pair_of_tree_sizes_up_to_forty_has_a_verifying_consistency_proof()
    {
        var leaves = Leaves(40);
        for (var n = 1; n <= 40; n++)
        {
            for (var m = 1; m <= n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(leaves, m, n);
                Assert.True(MerkleTree.VerifyConsistency(m, n, proof, MerkleTree.Root(leaves, m), MerkleTree.Root(leaves, n)), $"{m} → {n}");
            }
        }
    }

    [Fact]
    public void A_tampered_inclusion_proof_or_wrong_root_or_index_does_not_verify()
    {
        var leaves = Leaves(13);
        var root = MerkleTree.Root(leaves, 13);
        var proof = MerkleTree.InclusionProof(leaves, 5, 13).Select(p => (byte[])p.Clone()).ToList();
        Assert.True(MerkleTree.VerifyInclusion(leaves[5], 5, 13, proof, root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 6, 13, proof, root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 5, 13, proof, MerkleTree.Root(leaves, 12)));
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 5, 13, proof.Take(proof.Count - 1).ToList(), root));
        proof[1][0] ^= 1;
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 5, 13, proof, root));
    }

    [Fact]
    public void A_log_that_rewrote_a_leaf_fails_the_consistency_proof()
    {
        var leaves = Leaves(20);
        var oldRoot = MerkleTree.Root(leaves, 7);
        var rewritten = leaves.ToList();
        rewritten[3] = MerkleTree.LeafHash([9, 9, 9]);
        var proof = MerkleTree.ConsistencyProof(rewritten, 7, 20);
        Assert.False(MerkleTree.VerifyConsistency(7, 20, proof, oldRoot, MerkleTree.Root(rewritten, 20)));
        Assert.False(MerkleTree.VerifyConsistency(7, 20, [], oldRoot, MerkleTree.Root(leaves, 20)));
    }
}
