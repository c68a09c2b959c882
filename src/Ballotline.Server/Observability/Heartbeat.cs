namespace Ballotline.Server.Observability;

/// <summary>
/// One time slot in which the server was up: written every <see cref="HeartbeatOptions.Seconds"/> by whichever
/// instance gets there first. Missing slots are downtime — a stopped server writes nothing — so uptime over a
/// window is the slots present over the slots the window holds.
/// </summary>
public sealed class Heartbeat
{
    /// <summary>Start of the slot in Unix seconds (a multiple of <see cref="PeriodSeconds"/>): the key, so two instances write it once.</summary>
    public long Slot { get; set; }

    public int PeriodSeconds { get; set; }

    public bool ChainConnected { get; set; }
}
