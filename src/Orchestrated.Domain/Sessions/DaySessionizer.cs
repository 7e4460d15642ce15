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
    private async Task ReadAheadAsync(DateOnly day, Sessionizer sessionizer, long dayStart, long dayEnd, DaySessionStats stats, CancellationToken ct)
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
    /// The sessions open at the start of <paramref name="day"/> (restricted to <paramref name="filter"/> streams),
    /// from the day before; looks further back only for streams whose session start that day cannot settle.
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
        var sessionizer = new Sessionizer(_rules, static _ => { }, historyStart: UtcMicros.StartOf(previous));
        await FeedAsync(previous, sessionizer, filter, stats, ct);
        sessionizer.AdvanceWatermark(midnight);

        var open = sessionizer.OpenSessions.ToDictionary(s => s.Key);
        var unsettled = open.Values.Where(s => !s.StartCertain).Select(s => s.Key).ToHashSet();
        if (unsettled.Count == 0 || depth >= _maxLookbackDays) return open;

        // Rare: streams active without a 30-minute break since before the previous midnight (kiosks, bots).
        // Their session start decides where the 24 h cap falls, so replay the previous day from known state.
        var earlier = await OpenSessionsAtAsync(previous, unsettled, depth + 1, stats, ct);
        var replay = new Sessionizer(_rules, static _ => { });
        foreach (var session in earlier.Values) replay.Seed(session);
        await FeedAsync(previous, replay, unsettled, stats, ct);
        replay.AdvanceWatermark(midnight);
        foreach (var key in unsettled) open.Remove(key);
        foreach (var session in replay.OpenSessions) open[session.Key] = session;
        return open;
    }

    private async Task FeedAsync(DateOnly day, Sessionizer sessionizer, IReadOnlySet<StreamKey>? filter, DaySessionStats stats, CancellationToken ct)
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

/// <summary>What one date's sessionizing read and found, for the step's result and its data-quality checks.</summary>
public sealed class DaySessionStats
{
    public long EventsOfDay { get; set; }
    public long EventsContinuingEarlierSessions { get; set; }
    public long EventsReadAheadIntoOwnedSessions { get; set; }
    public long EventsInOwnedSessions { get; set; }
    public long EventsReadBack { get; set; }
    public int DaysReadBack { get; set; }
    public int DaysReadAhead { get; set; }
    public bool PreviousDayMissing { get; set; }
    public int SessionsOpenAtDataEdge { get; set; }
    public int SessionsWithUncertainStart { get; set; }
    public int CappedSessions { get; set; }
}

public sealed record DaySessions(DateOnly Day, IReadOnlyList<SessionRow> Sessions, DaySessionStats Stats, IReadOnlyList<Quality.DataQualityResult> Quality);
