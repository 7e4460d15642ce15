using System.Runtime.InteropServices;
using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// The sessions owned by one date, computed as if over the whole event history while reading only the days
/// that can matter:
/// <list type="bullet">
/// <item>the day before, keys and times only, to know which sessions are still open at midnight (and, for
/// streams active without a break all that day, further back until their session start is known);</item>
/// <item>the day itself, in full;</item>
/// <item>the days after, only until every session that started on the date has closed.</item>
/// </list>
/// A session is emitted only by the date of its start, so a session that crosses midnight is written once.
/// </summary>
public sealed class DaySessionizer
{
    private const int WatermarkEvery = 4096;
    private readonly SessionRules _rules;
    private readonly IDailyEventSource _source;
    private readonly int _maxLookbackDays;
    private readonly SymbolTable _symbols = new();
    private readonly CodeMap _students, _devices, _browsers, _networks, _pages;

    public DaySessionizer(SessionRules rules, IDailyEventSource source, int maxLookbackDays = 31)
    {
        _rules = rules.Validated();
        _source = source;
        _maxLookbackDays = Math.Max(1, maxLookbackDays);
        TextRule intern = _symbols.Intern;
        (_students, _devices, _browsers, _networks, _pages) = (new(intern), new(intern), new(intern), new(intern), new(intern));
    }

    public async Task<DaySessions> RunAsync(DateOnly day, CancellationToken ct = default)
    {
        var stats = new DaySessionStats();
        var dayStart = UtcMicros.StartOf(day);
        var dayEnd = UtcMicros.StartOf(day.AddDays(1));

        var carried = await OpenSessionsAtAsync(day, filter: null, depth: 1, stats, ct);

        var owned = new List<ClosedSession>();
        var sessionizer = new Sessionizer(_rules, s =>
        {
            if (s.Start >= dayStart && s.Start < dayEnd) owned.Add(s);
        });
        foreach (var session in carried.Values) sessionizer.Seed(session);

        await foreach (var batch in _source.ReadDayAsync(day, EventDetail.Full, ct))
        {
            Begin(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                var e = ToEvent(batch, i);
                if (e.Ts < dayStart || e.Ts >= dayEnd)
                    throw new InvalidDataException($"An event at {UtcMicros.Format(e.Ts)} is in the partition of {day:yyyy-MM-dd}.");
                var sessionStart = sessionizer.Add(e);
                stats.EventsOfDay++;
                if (sessionStart < dayStart) stats.EventsContinuingEarlierSessions++;
                if ((stats.EventsOfDay & (WatermarkEvery - 1)) == 0) sessionizer.AdvanceWatermark(e.Ts);
            }
        }

        sessionizer.AdvanceWatermark(dayEnd);
        await ReadAheadAsync(day, sessionizer, dayStart, dayEnd, stats, ct);

        var rows = new List<SessionRow>(owned.Count);
        foreach (var s in owned)
        {
            rows.Add(SessionRow.From(s, _symbols));
            stats.EventsInOwnedSessions += s.EventCount;
            if (s.Capped) stats.CappedSessions++;
            if (!s.StartCertain) stats.SessionsWithUncertainStart++;
        }
        rows.Sort(SessionRow.OutputOrder);
        return new DaySessions(day, rows, stats, Quality.SessionChecks.Run(owned, stats));
    }

    /// <summary>Follows the date's sessions into the next days until each has closed or the data ends.</summary>
    private async Task ReadAheadAsync(DateOnly day, Sessionizer sessionizer, long dayStart, long dayEnd, DaySessionStats stats,
        CancellationToken ct)
    {
        bool AnyOwnedOpen() => sessionizer.OpenSessions.Any(s => s.Start >= dayStart && s.Start < dayEnd);
        var next = day.AddDays(1);
        while (AnyOwnedOpen())
        {
            if (!await _source.HasDayAsync(next, ct))
            {
                // The data ends here: these sessions may still grow when the next day arrives.
                stats.SessionsOpenAtDataEdge = sessionizer.OpenSessions.Count(s => s.Start >= dayStart && s.Start < dayEnd);
                break;
            }
            stats.DaysReadAhead++;
            await foreach (var batch in _source.ReadDayAsync(next, EventDetail.Full, ct))
            {
                Begin(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    var e = ToEvent(batch, i);
                    // Only streams with a session from before the next day's midnight matter; the rest start later sessions.
                    if (!sessionizer.TryGetOpen(sessionizer.KeyOf(e), out var open) || open.Start >= dayEnd) continue;
                    var sessionStart = sessionizer.Add(e);
                    if (sessionStart >= dayStart && sessionStart < dayEnd) stats.EventsReadAheadIntoOwnedSessions++;
                }
                if (batch.Count > 0) sessionizer.AdvanceWatermark(batch.Ts[batch.Count - 1]);
                if (!AnyOwnedOpen()) break;
            }
            sessionizer.AdvanceWatermark(UtcMicros.StartOf(next.AddDays(1)));
            next = next.AddDays(1);
        }
        sessionizer.CloseAll();
    }

    /// <summary>
    /// The sessions open at the start of <paramref name="day"/> (restricted to <paramref name="filter"/> streams), found
    /// by reading the day before backwards from midnight. A stream whose last event lies within one gap of midnight is
    /// open, and its session began where its chain of events (no pause longer than the gap) began; the reading stops
    /// once every such chain has ended, usually an hour or two before midnight. A chain that reaches back to the start
    /// of the day (the stream never paused that day) or that is longer than the cap is replayed forward, from further
    /// history where its start depends on it.
    /// </summary>
    private async Task<Dictionary<StreamKey, OpenSession>> OpenSessionsAtAsync(
        DateOnly day, IReadOnlySet<StreamKey>? filter, int depth, DaySessionStats stats, CancellationToken ct)
    {
        var previous = day.AddDays(-1);
        if (!await _source.HasDayAsync(previous, ct))
        {
            if (depth == 1) stats.PreviousDayMissing = true;
            return [];
        }
        stats.DaysReadBack = Math.Max(stats.DaysReadBack, depth);
        var midnight = UtcMicros.StartOf(day);
        var dayStart = UtcMicros.StartOf(previous);
        var chains = await ChainsBeforeAsync(previous, midnight, filter, stats, ct);

        var open = new Dictionary<StreamKey, OpenSession>();
        var uncertain = new HashSet<StreamKey>();
        var replay = new HashSet<StreamKey>();
        foreach (var (key, chain) in chains)
        {
            if (!chain.OpenAtMidnight) continue;
            var certain = chain.Ended || chain.Start - dayStart > _rules.GapMicros;
            if (!certain) uncertain.Add(key);
            if (!certain || chain.Last - chain.Start > _rules.CapMicros) replay.Add(key);
            else open[key] = new OpenSession(key, chain.Device, chain.Start, chain.Last, chain.Events, chain.DistinctTimestamps,
                PagesVisited: 0, ActiveTimeSec: 0, StartedByCap: false, StartCertain: true);
        }
        if (replay.Count == 0) return open;

        // Rare: streams active without a break since before the previous midnight (kiosks, bots), or for longer than
        // the cap. Where the cap falls depends on the session's start, so replay the previous day forward from the
        // state further history gives (when the look-back limit allows; otherwise their start stays uncertain).
        var lookBack = uncertain.Count > 0 && depth < _maxLookbackDays;
        var earlier = lookBack ? await OpenSessionsAtAsync(previous, uncertain, depth + 1, stats, ct) : [];
        var replayer = new Sessionizer(_rules, static _ => { }, historyStart: lookBack ? null : dayStart);
        foreach (var session in earlier.Values) replayer.Seed(session);
        await FeedAsync(previous, replayer, replay, stats, ct);
        replayer.AdvanceWatermark(midnight);
        foreach (var session in replayer.OpenSessions) open[session.Key] = session;
        return open;
    }

    /// <summary>
    /// For each stream of <paramref name="day"/> seen while reading it backwards from <paramref name="midnight"/> (its
    /// end): whether it was open at midnight, and its last chain of events. Stops reading once no stream not yet seen
    /// could be open and every open chain has ended (an event, or nothing, more than a gap before its start).
    /// </summary>
    private async Task<Dictionary<StreamKey, Chain>> ChainsBeforeAsync(DateOnly day, long midnight, IReadOnlySet<StreamKey>? filter,
        DaySessionStats stats, CancellationToken ct)
    {
        var gap = _rules.GapMicros;
        var chains = new Dictionary<StreamKey, Chain>();
        await foreach (var batch in _source.ReadDayBackwardAsync(day, EventDetail.KeysOnly, ct))
        {
            Begin(batch);
            for (var i = batch.Count - 1; i >= 0; i--)
            {
                var e = ToEvent(batch, i);
                var key = _rules.KeyOf(e);
                if (filter is not null && !filter.Contains(key)) continue;
                stats.EventsReadBack++;
                ref var chain = ref CollectionsMarshal.GetValueRefOrAddDefault(chains, key, out var seen);
                if (!seen)
                {
                    // The stream's last event of the day: open at midnight if no more than a gap before it.
                    var open = midnight - e.Ts <= gap;
                    chain = new Chain { Last = e.Ts, Start = e.Ts, Device = e.Device, Events = 1, DistinctTimestamps = 1,
                        OpenAtMidnight = open, Ended = !open };
                }
                else if (!chain.Ended)
                {
                    if (chain.Start - e.Ts > gap) chain.Ended = true;
                    else
                    {
                        if (e.Ts != chain.Start) chain.DistinctTimestamps++;
                        chain.Start = e.Ts;
                        chain.Device = e.Device; // the first event's device: read backwards, the last one read
                        chain.Events++;
                    }
                }
            }
            if (batch.Count > 0 && AllChainsEnded(chains, batch.Ts[0], midnight, gap)) break;
        }
        return chains;
    }

    /// <summary>Whether, with every event at or after <paramref name="oldest"/> read, no open chain can still grow.</summary>
    private static bool AllChainsEnded(Dictionary<StreamKey, Chain> chains, long oldest, long midnight, long gap)
    {
        if (midnight - oldest <= gap) return false; // an unseen stream could still have its last event here, open at midnight
        foreach (var chain in chains.Values)
            if (!chain.Ended && chain.Start - oldest <= gap) return false;
        return true;
    }

    /// <summary>A stream's latest run of events without a pause longer than the gap, as read backwards.</summary>
    private struct Chain
    {
        public long Last;
        public long Start;
        public int Device;
        public int Events;
        public int DistinctTimestamps;
        public bool OpenAtMidnight;
        public bool Ended;
    }

    private async Task FeedAsync(DateOnly day, Sessionizer sessionizer, IReadOnlySet<StreamKey>? filter, DaySessionStats stats,
        CancellationToken ct)
    {
        long fed = 0;
        await foreach (var batch in _source.ReadDayAsync(day, EventDetail.KeysOnly, ct))
        {
            Begin(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                var e = ToEvent(batch, i);
                if (filter is not null && !filter.Contains(sessionizer.KeyOf(e))) continue;
                sessionizer.Add(e);
                stats.EventsReadBack++;
                if ((++fed & (WatermarkEvery - 1)) == 0) sessionizer.AdvanceWatermark(e.Ts);
            }
        }
    }

    /// <summary>Prepares the code maps for a batch: each distinct text of it is interned once, on first use.</summary>
    private void Begin(SessionEventBatch b)
    {
        _students.Reset(b.Student);
        _devices.Reset(b.Device);
        if (b.Browser is not null) _browsers.Reset(b.Browser);
        if (b.Network is not null) _networks.Reset(b.Network);
        if (b.Page is not null) _pages.Reset(b.Page);
    }

    private SessionEvent ToEvent(SessionEventBatch b, int i) => new(
        _students.Of(i),
        _devices.Of(i),
        _rules.SplitOnBrowser && b.Browser is not null ? _browsers.Of(i) : SymbolTable.None,
        _rules.SplitOnNetwork && b.Network is not null ? _networks.Of(i) : SymbolTable.None,
        b.Ts[i],
        b.Page is null ? SymbolTable.None : _pages.Of(i),
        b.TimeSpentSec?[i]);
}
