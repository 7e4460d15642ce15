using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// The incremental session state machine. Events go in (each stream in time order; streams may interleave),
/// closed sessions come out. It holds only the sessions still open, so a day never needs to be in memory, and the
/// same code serves batch and real-time use: batch calls <see cref="CloseAll"/> at the end of the data,
/// a stream calls <see cref="AdvanceWatermark"/> as time passes.
/// </summary>
public sealed class Sessionizer
{
    private readonly SessionRules _rules;
    private readonly long _gap;
    private readonly long _cap;
    private readonly long? _historyStart;
    private readonly Dictionary<StreamKey, OpenSession> _open = [];
    private readonly HashSet<StreamKey>? _seen;
    private readonly Stack<HashSet<int>> _pagePool = new();
    private readonly Action<ClosedSession> _onClosed;

    /// <param name="onClosed">Receives every session as it closes.</param>
    /// <param name="historyStart">
    /// The instant the events fed begin at, when earlier history exists but is not fed. Sessions that start
    /// within one inactivity gap of it are marked <see cref="OpenSession.StartCertain"/> = false. Null when
    /// the events fed are the whole history.
    /// </param>
    public Sessionizer(SessionRules rules, Action<ClosedSession> onClosed, long? historyStart = null)
    {
        _rules = rules.Validated();
        _gap = rules.GapMicros;
        _cap = rules.CapMicros;
        _onClosed = onClosed;
        _historyStart = historyStart;
        if (historyStart is not null) _seen = [];
    }

    public int OpenCount => _open.Count;

    public IEnumerable<OpenSession> OpenSessions => _open.Values;

    public bool TryGetOpen(StreamKey key, out OpenSession session) => _open.TryGetValue(key, out session!);

    public StreamKey KeyOf(in SessionEvent e) => _rules.KeyOf(e);

    /// <summary>Continues a session that started before the events this sessionizer will see.</summary>
    public void Seed(OpenSession session)
    {
        _open[session.Key] = session;
        _seen?.Add(session.Key);
    }

    /// <summary>Adds the next event of its stream. Returns the session it joined or started.</summary>
    public OpenSession Add(in SessionEvent e)
    {
        var key = _rules.KeyOf(e);
        if (_open.TryGetValue(key, out var current))
        {
            if (e.Ts < current.Last)
                throw new ArgumentException($"Events of a stream must arrive in time order: {e.Ts} after {current.Last}.");
            if (e.Ts - current.Last > _gap)
            {
                Close(current, closedByCap: false);
                current = Start(key, e, startedByCap: false, certain: true);
            }
            else if (e.Ts - current.Start > _cap)
            {
                Close(current, closedByCap: true);
                current = Start(key, e, startedByCap: true, certain: current.StartCertain);
            }
        }
        else
        {
            var certain = _historyStart is null || e.Ts - _historyStart.Value > _gap || !_seen!.Add(key);
            current = Start(key, e, startedByCap: false, certain: certain);
        }
        Extend(current, e);
        return current;
    }

    /// <summary>
    /// Closes every session that no event at or after <paramref name="watermark"/> could extend: in a time-ordered
    /// feed, call it with the latest event time to release finished sessions early.
    /// </summary>
    public void AdvanceWatermark(long watermark)
    {
        List<OpenSession>? expired = null;
        foreach (var session in _open.Values)
            if (watermark - session.Last > _gap) (expired ??= []).Add(session);
        if (expired is null) return;
        foreach (var session in expired) Close(session, closedByCap: false);
    }

    public void CloseAll()
    {
        foreach (var session in _open.Values.ToList()) Close(session, closedByCap: false);
    }

    private OpenSession Start(StreamKey key, in SessionEvent e, bool startedByCap, bool certain)
    {
        var session = new OpenSession(key, e.Device, e.Ts, startedByCap, certain);
        _open[key] = session;
        return session;
    }

    private void Extend(OpenSession session, in SessionEvent e)
    {
        if (session.EventCount == 0 || e.Ts != session.Last) session.DistinctTimestamps++;
        session.Last = e.Ts;
        session.EventCount++;
        if (e.TimeSpentSec is >= 0) session.ActiveTimeSec += e.TimeSpentSec.Value;
        if (e.Page != SymbolTable.None)
        {
            session.Pages ??= _pagePool.Count > 0 ? _pagePool.Pop() : [];
            session.Pages.Add(e.Page);
        }
    }

    private void Close(OpenSession session, bool closedByCap)
    {
        _open.Remove(session.Key);
        var pages = session.Pages?.Count ?? 0;
        if (session.Pages is { } set)
        {
            set.Clear();
            _pagePool.Push(set);
            session.Pages = null;
        }
        _onClosed(new ClosedSession(session.Key, session.Device, session.Start, session.Last, session.EventCount, session.DistinctTimestamps, pages,
            session.ActiveTimeSec, closedByCap || session.StartedByCap, session.StartCertain));
    }
}
