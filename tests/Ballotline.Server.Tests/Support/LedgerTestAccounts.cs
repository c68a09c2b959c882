using Ballotline.Testing;
using Nethereum.Signer;

namespace Ballotline.Server.Tests;

/// <summary>A fresh authority account per test, funded on the test node, so tests never share nonces.</summary>
internal static class LedgerTestAccounts
{
    public static async Task<string> FundedKeyAsync(AnvilNode anvil)
    {
        var key = EthECKey.GenerateKey();
        await anvil.CallAsync<object>("anvil_setBalance", key.GetPublicAddress(), "0x56BC75E2D63100000");
        return key.GetPrivateKey();
    }
}
