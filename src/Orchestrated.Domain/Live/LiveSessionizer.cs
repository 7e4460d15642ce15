using Orchestrated.Domain.Events;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Live;

/// <summary>
/// Sessions of one stream partition as events arrive, the same sessions, id for id, as the batch pipeline computes
/// over the same events once each day has closed. Events are cleaned by the batch rules (<see cref="LiveCleaner"/>),
/// held until the event-time watermark passes them (<see cref="ReorderBuffer"/>), then fed in batch order to the same
/// incremental <see cref="Sessionizer"/>; a session closes when the watermark passes its last event by the gap.
/// <para>Watermark = the latest event time seen − the allowed lateness; an event more than the future limit ahead
/// of the wall clock does not move it, and after the idle timeout without events it follows the wall clock. A partition
/// that has seen no event yet has no watermark (idle counts from an event on): its first events, however old, are on
/// time, as they are for the batch — the same sessions either way. An event
/// at or behind the watermark can no longer be placed in order: it is late, handed to <c>onLate</c>, and the batch
/// re-run of its date (marked stale) is where it counts.</para>
/// </summary>
public sealed class LiveSessionizer : IDisposable
{
    private readonly LiveOptions _options;
    private readonly LiveCleaner _cleaner;
    private readonly ReorderBuffer _buffer = new();
    private readonly Sessionizer _sessionizer;
    private readonly Action<RawEvent> _onLate;
    private long _latestEvent = long.MinValue;
    private long _lastArrival = long.MinValue;

    public LiveSessionizer(SessionRules rules, byte[] hashKey, LiveOptions options, Action<SessionRow> onClosed, Action<RawEvent> onLate)
    {
        _options = options;
        _cleaner = new LiveCleaner(hashKey);
        _onLate = onLate;
        _sessionizer = new Sessionizer(rules, s => onClosed(SessionRow.From(s, _cleaner.Symbols)));
    }

    /// <summary>Everything before this instant has been fed to the sessionizer (microseconds since the epoch).</summary>
    public long Watermark { get; private set; } = long.MinValue;

    public int OpenSessions => _sessionizer.OpenCount;
    public int Held => _buffer.Count;
    public long LateEvents { get; private set; }
    public long Duplicates => _cleaner.Duplicates;

    /// <summary>Takes one event (already accepted by the collector's checks) that arrived at <paramref name="wallMicros"/>.</summary>
    public void Add(RawEvent e, long wallMicros)
    {
        _lastArrival = wallMicros;
        if (e.TimestampMicros <= Watermark)
        {
            if (_cleaner.SeenBefore(e)) return; // a copy (a post sent again) of an event taken or counted late already
            LateEvents++;
            _onLate(e);
            return;
        }
        if (!_cleaner.TryClean(e, out var cleaned)) return;
        _buffer.Add(cleaned, e.EventId);
        if (e.TimestampMicros <= wallMicros + Micros(_options.FutureLimit)) _latestEvent = Math.Max(_latestEvent, e.TimestampMicros);
    }

    /// <summary>
    /// Moves the watermark as far as the events seen (or, idle, the wall clock) allow: held events it passes go to the
    /// sessionizer in order, and the sessions it closes come out. Call it after a batch of events, and on a timer.
    /// </summary>
    public void Advance(long wallMicros)
    {
        var target = _latestEvent == long.MinValue ? long.MinValue : _latestEvent - Micros(_options.AllowedLateness);
        if (_lastArrival != long.MinValue && wallMicros - _lastArrival >= Micros(_options.IdleTimeout))
            target = Math.Max(target, wallMicros - Micros(_options.AllowedLateness));
        if (target <= Watermark) return;
        Watermark = target;
        foreach (var e in _buffer.ReleaseUpTo(target)) _sessionizer.Add(e);
        _sessionizer.AdvanceWatermark(target + 1); // closes a session once no event after the watermark could extend it
        _cleaner.ForgetBefore(UtcMicros.DateOf(target).AddDays(-1));
    }

    /// <summary>The end of the data (a replay, a test): every held event fed, every session closed.</summary>
    public void Flush()
    {
        foreach (var e in _buffer.ReleaseUpTo(long.MaxValue)) _sessionizer.Add(e);
        _sessionizer.CloseAll();
    }

    /// <summary>What it decides by now, in text: a checkpoint (<see cref="LiveState"/>).</summary>
    public LiveState Snapshot()
    {
        var s = _cleaner.Symbols;
        var held = _buffer.InArrivalOrder().Select(h => new HeldEvent(s.TextOf(h.Event.Student)!, s.TextOf(h.Event.Device),
            s.TextOf(h.Event.Browser), s.TextOf(h.Event.Network), h.Event.Ts, s.TextOf(h.Event.Page), h.Event.TimeSpentSec,
            h.EventId)).ToList();
        var open = _sessionizer.OpenSessionsWithPages().Select(o => new OpenSessionState(s.TextOf(o.Session.Key.Student)!,
            s.TextOf(o.Session.Key.Device), s.TextOf(o.Session.Key.Browser), s.TextOf(o.Session.Key.Network), s.TextOf(o.Session.Device),
            o.Session.Start, o.Session.Last, o.Session.EventCount, o.Session.DistinctTimestamps, o.Session.ActiveTimeSec,
            o.Session.StartedByCap, o.Session.StartCertain, o.Pages.Select(p => s.TextOf(p)!).ToList())).ToList();
        return new LiveState(Watermark, _latestEvent, _lastArrival, LateEvents, _cleaner.Duplicates, _cleaner.SeenIds().ToList(),
            held, open);
    }

    /// <summary>Takes a checkpoint's state, on a sessionizer that has seen nothing yet.</summary>
    public void Restore(LiveState state)
    {
        if (Watermark != long.MinValue || _lastArrival != long.MinValue || Held > 0 || OpenSessions > 0)
            throw new InvalidOperationException("A checkpoint is restored into a sessionizer that has seen nothing.");
        (Watermark, _latestEvent, _lastArrival, LateEvents) = (state.Watermark, state.LatestEvent, state.LastArrival, state.LateEvents);
        _cleaner.Restore(state.SeenIds, state.Duplicates);
        var s = _cleaner.Symbols;
        foreach (var h in state.Held)
            _buffer.Add(new SessionEvent(_cleaner.StudentOfHash(h.Student), s.Intern(h.Device), s.Intern(h.Browser), s.Intern(h.Network),
                h.Ts, s.Intern(h.Page), h.TimeSpentSec), h.EventId is null ? null : new ReadOnlyMemory<byte>(h.EventId));
        foreach (var o in state.Open)
            _sessionizer.Restore(new OpenSession(new StreamKey(_cleaner.StudentOfHash(o.Student), s.Intern(o.KeyDevice),
                    s.Intern(o.KeyBrowser), s.Intern(o.KeyNetwork)), s.Intern(o.Device), o.Start, o.Last, o.EventCount,
                    o.DistinctTimestamps, o.Pages.Count, o.ActiveTimeSec, o.StartedByCap, o.StartCertain),
                o.Pages.Select(p => s.Intern(p)));
    }

    private static long Micros(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    public void Dispose() => _cleaner.Dispose();
}
