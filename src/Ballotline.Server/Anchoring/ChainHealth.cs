namespace Ballotline.Server.Anchoring;

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

    /// <summary>Why the chain's records of this server's anchors are gone (null while they are there): until an operator recovers, nothing is anchored.</summary>
    public string? RecordsLost { get; private set; }

    private DateTimeOffset _lastReverified = DateTimeOffset.MinValue;

    /// <summary>Marks the chain answering; true when it had not answered the pass before (a reconnect).</summary>
    public bool MarkUp(long latestBlock, DateTimeOffset at)
    {
        lock (_gate)
        {
            var reconnected = !Connected;
            Connected = true;
            LatestBlock = latestBlock;
            LastContact = at;
            LastError = null;
            return reconnected;
        }
    }

    public void MarkRecordsLost(string? reason)
    {
        lock (_gate)
        {
            RecordsLost = reason;
        }
    }

    /// <summary>True (and the clock restarted) when final anchors are due to be read back from the chain again.</summary>
    public bool ReverificationDue(DateTimeOffset now, TimeSpan interval, bool force)
    {
        lock (_gate)
        {
            if (!force && now - _lastReverified < interval)
            {
                return false;
            }

            _lastReverified = now;
            return true;
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
