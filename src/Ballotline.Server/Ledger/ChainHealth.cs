namespace Ballotline.Server.Ledger;

/// <summary>What this instance last saw of the chain: shown on /healthz, the admin pages and the receipts.</summary>
public sealed class ChainHealth
{
    private readonly Lock _gate = new();

    public bool Configured { get; private set; }

    public bool Connected { get; private set; }

    public string? LastError { get; private set; }

    public long? LatestBlock { get; private set; }

    public DateTimeOffset? LastContact { get; private set; }

    public void MarkConfigured(bool configured)
    {
        lock (_gate)
        {
            Configured = configured;
        }
    }

    public void MarkUp(long latestBlock, DateTimeOffset at)
    {
        lock (_gate)
        {
            Connected = true;
            LatestBlock = latestBlock;
            LastContact = at;
            LastError = null;
        }
    }

    public void MarkDown(string error)
    {
        lock (_gate)
        {
            Connected = false;
            LastError = error;
        }
    }
}
