using System.Reflection;
using System.Text.Json;

namespace Ballotline.Ledger.Chain;

/// <summary>The compiled BallotLedger contract (contracts/build/BallotLedger.json, embedded at build time).</summary>
public static class BallotLedgerContract
{
    private static readonly Lazy<(string Abi, string Bytecode, string Compiler)> Build = new(Load);

    public static string Abi => Build.Value.Abi;

    public static string Bytecode => Build.Value.Bytecode;

    public static string Compiler => Build.Value.Compiler;

    private static (string, string, string) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("BallotLedger.json")
            ?? throw new InvalidOperationException("The BallotLedger build is not embedded.");
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        return (root.GetProperty("abi").GetRawText(), root.GetProperty("bytecode").GetString()!, root.GetProperty("compiler").GetString()!);
    }
}
