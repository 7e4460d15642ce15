namespace Orchestrated.Domain.Sessions;

/// <summary>A session that later events may still extend.</summary>
public sealed class OpenSession
{
    internal OpenSession(StreamKey key, int device, long start, bool startedByCap, bool startCertain)
    {
        Key = key;
        Device = device;
        Start = start;
        Last = start;
        StartedByCap = startedByCap;
        StartCertain = startCertain;
    }

    public StreamKey Key { get; }
    /// <summary>The first event's device: the stream's device when splitting on device, as the contract says otherwise.</summary>
    public int Device { get; }
    public long Start { get; }
    public long Last { get; internal set; }
    public int EventCount { get; internal set; }
    public int DistinctTimestamps { get; internal set; }
    public double ActiveTimeSec { get; internal set; }
    public bool StartedByCap { get; }
    /// <summary>
    /// False when the session began so close to the start of the events read that an earlier, unread event could
    /// belong to it: its true start (and so where the 24 h cap falls) is then unknown until more history is read.
    /// </summary>
    public bool StartCertain { get; }
    internal HashSet<int>? Pages { get; set; }
}
