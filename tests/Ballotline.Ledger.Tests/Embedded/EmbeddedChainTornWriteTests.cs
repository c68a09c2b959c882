using Ballotline.Ledger.Chain;
using Ballotline.Ledger.Embedded;
using Ballotline.Testing;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ballotline.Ledger.Tests.Embedded;

/// <summary>
/// What a power cut mid-append leaves in <c>blocks.jsonl</c>: the last record cut at any byte. The chain must
/// start, keep every block it acknowledged, drop only the torn tail, and go on mining.
/// </summary>
public sealed class EmbeddedChainTornWriteTests
{
    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "ballotline-embedded", Guid.NewGuid().ToString("N"));

    private static Task<EmbeddedChain> OpenAsync(string directory) => EmbeddedChain.OpenAsync(directory, [new Account(AnvilNode.AuthorityKey).Address]);

    private static Web3 Authority(EmbeddedChain chain) => new(new Account(AnvilNode.AuthorityKey, EmbeddedChain.DefaultChainId), new EmbeddedRpcClient(new EmbeddedRpc(chain)));

    [Fact]
    public async Task A_block_file_torn_at_every_byte_of_its_last_record_starts_with_every_acknowledged_block_and_mines_on()
    {
        var original = NewDirectory();
        string contract;
        long acknowledged;
        using (var chain = await OpenAsync(original))
        {
            contract = await LedgerChain.DeployAsync(Authority(chain));
            var ledger = new LedgerChain(Authority(chain), contract);
            await ledger.OpenElectionAsync(new byte[32], new byte[32]);
            await ledger.AnchorAsync(new byte[32], 1, Enumerable.Repeat((byte)7, 32).ToArray());
            acknowledged = chain.BlockNumber;
        }

        var file = await File.ReadAllBytesAsync(Path.Combine(original, "blocks.jsonl"));
        var lastRecordStart = Array.LastIndexOf(file, (byte)'\n', file.Length - 2) + 1;
        Assert.True(lastRecordStart > 0);
        try
        {
            // Every cut inside the last record (from one byte of it to all of it but its newline).
            for (var cut = lastRecordStart + 1; cut < file.Length; cut++)
            {
                var torn = NewDirectory();
                Directory.CreateDirectory(torn);
                await File.WriteAllBytesAsync(Path.Combine(torn, "blocks.jsonl"), file[..cut]);
                using (var chain = await OpenAsync(torn))
                {
                    Assert.Equal(acknowledged - 1, chain.BlockNumber);
                    Assert.True(File.Exists(Path.Combine(torn, "blocks.jsonl.torn")), $"the torn tail at byte {cut} is kept aside");
                    if (cut == file.Length - 1 || cut == lastRecordStart + 1)
                    {
                        // The chain goes on: the anchor that was torn away can be sent again and is mined.
                        var ledger = new LedgerChain(Authority(chain), contract);
                        var receipt = await ledger.AnchorAsync(new byte[32], 1, Enumerable.Repeat((byte)7, 32).ToArray());
                        Assert.Equal(1, (int)receipt.Status.Value);
                        Assert.Equal(acknowledged, chain.BlockNumber);
                    }
                }

                Directory.Delete(torn, recursive: true);
            }

            // The whole file, untouched, replays every block.
            using var whole = await OpenAsync(original);
            Assert.Equal(acknowledged, whole.BlockNumber);
            Assert.False(File.Exists(Path.Combine(original, "blocks.jsonl.torn")));
        }
        finally
        {
            Directory.Delete(original, recursive: true);
        }
    }

    [Fact]
    public async Task Damage_inside_a_complete_record_stops_the_start_with_the_line_named()
    {
        var directory = NewDirectory();
        using (var chain = await OpenAsync(directory))
        {
            await LedgerChain.DeployAsync(Authority(chain));
        }

        var path = Path.Combine(directory, "blocks.jsonl");
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, "{\"raw\": tampered}\n" + text);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(directory));
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
