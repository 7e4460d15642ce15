using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// The incremental session state machine. Events go in (each stream in time order; streams may interleave),
/// closed sessions come out. It holds only the sessions still open, so a day never needs to be in memory, and the
/// same code serves batch and real-time use: batch calls <see cref="CloseAll"/> at the end of the data,
/// a stream calls <see cref="AdvanceWatermark"/> as time passes.
/// Open sessions live in parallel arrays indexed by a slot: no object per session, so a day of sessions gives the
/// garbage collector nothing to trace. A session's first distinct pages sit in a short list of its slot (most sessions
/// visit a handful); a session that visits more moves them to one shared set of (session, page) pairs.
/// </summary>
public sealed class Sessionizer
{
    private readonly long _gap;
    private readonly long _cap;
    private readonly SessionRules _rules;
    private readonly long? _historyStart;
    private readonly HashSet<StreamKey>? _seen;
    private readonly Action<ClosedSession> _onClosed;
    private readonly Dictionary<StreamKey, int> _slotOf = [];
    private readonly Stack<int> _freeSlots = new();
    private const int InlinePages = 8;
    private readonly SessionPagePairs _sessionPages = new(); // of the sessions past InlinePages pages
    private int _sessionPagesLimit = 1 << 16;
    private int _nextSerial;
    private Slots _slots = new(64);

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

    public int OpenCount => _slotOf.Count;

    /// <summary>The open sessions as they are now (do not add events while enumerating).</summary>
    public IEnumerable<OpenSession> OpenSessions
    {
        get
        {
            foreach (var slot in _slotOf.Values) yield return Snapshot(slot);
        }
    }

    public bool TryGetOpen(StreamKey key, out OpenSession session)
    {
        var found = _slotOf.TryGetValue(key, out var slot);
        session = found ? Snapshot(slot) : default;
        return found;
    }

    public StreamKey KeyOf(in SessionEvent e) => _rules.KeyOf(e);

    /// <summary>
    /// Continues a session that started before the events this sessionizer will see. Pages are counted on from the
    /// session's count: which pages it saw before is not known, so one seen before and again after counts twice.
    /// </summary>
    public void Seed(OpenSession session)
    {
        var slot = OpenAs(session); // first: opening may grow the slot arrays
        _slots.PagesBeforeSeed[slot] = session.PagesVisited;
    }

    /// <summary>The open sessions with the distinct pages each has seen, in no particular order (a checkpoint's).</summary>
    public IEnumerable<(OpenSession Session, IReadOnlyList<int> Pages)> OpenSessionsWithPages()
    {
        var shared = new Dictionary<int, List<int>>();
        foreach (var (serial, page) in _sessionPages.All) // one pass: the pages of sessions past the inline list, by serial
            (shared.TryGetValue(serial, out var list) ? list : shared[serial] = []).Add(page);
        foreach (var slot in _slotOf.Values)
        {
            var count = _slots.Pages[slot];
            IReadOnlyList<int> pages = count <= InlinePages
                ? _slots.PageList.AsSpan(slot * InlinePages, count).ToArray()
                : shared.GetValueOrDefault(_slots.Serial[slot]) ?? [];
            yield return (Snapshot(slot), pages);
        }
    }

    /// <summary>
    /// Opens a session exactly as a checkpoint recorded it, pages and all — unlike <see cref="Seed"/>, which knows no
    /// pages — so the events that follow extend it as they would have the original.
    /// </summary>
    public void Restore(OpenSession session, IEnumerable<int> pages)
    {
        var slot = OpenAs(session);
        foreach (var page in pages) CountPage(slot, page);
    }

    /// <summary>Opens a slot holding the session's counts so far (replacing an open session of its stream).</summary>
    private int OpenAs(OpenSession session)
    {
        if (_slotOf.Remove(session.Key, out var old)) Free(old);
        var slot = Open(session.Key, session.Device, session.Start, session.StartedByCap, session.StartCertain);
        _slots.Last[slot] = session.Last;
        _slots.EventCount[slot] = session.EventCount;
        _slots.DistinctTimestamps[slot] = session.DistinctTimestamps;
        _slots.ActiveTimeSec[slot] = session.ActiveTimeSec;
        _seen?.Add(session.Key);
        return slot;
    }

    /// <summary>Adds the next event of its stream. Returns the start of the session it joined or started.</summary>
    public long Add(in SessionEvent e)
    {
        var key = _rules.KeyOf(e);
        if (_slotOf.TryGetValue(key, out var slot))
        {
            var last = _slots.Last[slot];
            if (e.Ts < last)
                throw new ArgumentException($"Events of a stream must arrive in time order: {e.Ts} after {last}.");
            if (e.Ts - last > _gap)
            {
                Close(slot, closedByCap: false);
                slot = Open(key, e.Device, e.Ts, startedByCap: false, certain: true);
            }
            else if (e.Ts - _slots.Start[slot] > _cap)
            {
                var certain = _slots.StartCertain[slot];
                Close(slot, closedByCap: true);
                slot = Open(key, e.Device, e.Ts, startedByCap: true, certain);
            }
        }
        else
        {
            var certain = _historyStart is null || e.Ts - _historyStart.Value > _gap || !_seen!.Add(key);
            slot = Open(key, e.Device, e.Ts, startedByCap: false, certain);
        }
        Extend(slot, e);
        return _slots.Start[slot];
    }

    /// <summary>
    /// Closes every session that no event at or after <paramref name="watermark"/> could extend: in a time-ordered
    /// feed, call it with the latest event time to release finished sessions early.
    /// </summary>
    public void AdvanceWatermark(long watermark)
    {
        List<int>? expired = null;
        foreach (var slot in _slotOf.Values)
            if (watermark - _slots.Last[slot] > _gap) (expired ??= []).Add(slot);
        if (expired is null) return;
        foreach (var slot in expired) Close(slot, closedByCap: false);
    }

    public void CloseAll()
    {
        foreach (var slot in _slotOf.Values.ToList()) Close(slot, closedByCap: false);
    }

    private int Open(StreamKey key, int device, long start, bool startedByCap, bool certain)
    {
        if (!_freeSlots.TryPop(out var slot))
        {
            slot = _slotOf.Count;
            if (slot == _slots.Capacity) _slots = _slots.Grown();
        }
        _slotOf[key] = slot;
        _slots.Key[slot] = key;
        _slots.Device[slot] = device;
        _slots.Start[slot] = start;
        _slots.Last[slot] = start;
        _slots.EventCount[slot] = 0;
        _slots.DistinctTimestamps[slot] = 0;
        _slots.ActiveTimeSec[slot] = 0;
        _slots.Pages[slot] = 0;
        _slots.PagesBeforeSeed[slot] = 0;
        _slots.StartedByCap[slot] = startedByCap;
        _slots.StartCertain[slot] = certain;
        _slots.Serial[slot] = _nextSerial++;
        return slot;
    }

    private void Extend(int slot, in SessionEvent e)
    {
        if (_slots.EventCount[slot] == 0 || e.Ts != _slots.Last[slot]) _slots.DistinctTimestamps[slot]++;
        _slots.Last[slot] = e.Ts;
        _slots.EventCount[slot]++;
        if (e.TimeSpentSec is >= 0) _slots.ActiveTimeSec[slot] += e.TimeSpentSec.Value;
        if (e.Page != SymbolTable.None) CountPage(slot, e.Page);
    }

    private void CountPage(int slot, int page)
    {
        var count = _slots.Pages[slot];
        if (count <= InlinePages)
        {
            var known = _slots.PageList.AsSpan(slot * InlinePages, count);
            if (known.Contains(page)) return;
            if (count < InlinePages)
            {
                _slots.PageList[slot * InlinePages + count] = page;
                _slots.Pages[slot]++;
                return;
            }
            foreach (var p in known) _sessionPages.Add(_slots.Serial[slot], p); // the list is full: move to the shared set
        }
        if (_sessionPages.Add(_slots.Serial[slot], page)) _slots.Pages[slot]++;
    }

    private void Close(int slot, bool closedByCap)
    {
        var s = _slots;
        var closed = new ClosedSession(s.Key[slot], s.Device[slot], s.Start[slot], s.Last[slot], s.EventCount[slot],
            s.DistinctTimestamps[slot], s.Pages[slot] + s.PagesBeforeSeed[slot], s.ActiveTimeSec[slot], closedByCap || s.StartedByCap[slot],
            s.StartCertain[slot]);
        _slotOf.Remove(s.Key[slot]);
        Free(slot);
        _onClosed(closed);
    }

    /// <summary>
    /// Returns a slot for reuse. The page pairs of closed sessions are dropped in bulk when the set has grown well
    /// past what the open sessions hold, so the set stays proportional to the open sessions at an amortised cost.
    /// </summary>
    private void Free(int slot)
    {
        _freeSlots.Push(slot);
        if (_sessionPages.Count > _sessionPagesLimit) DropPagesOfClosedSessions();
    }

    private void DropPagesOfClosedSessions()
    {
        var open = new HashSet<int>(_slotOf.Values.Select(s => _slots.Serial[s]));
        _sessionPages.RemoveWhere(serial => !open.Contains(serial));
        _sessionPagesLimit = Math.Max(1 << 16, _sessionPages.Count * 4);
    }

    private OpenSession Snapshot(int slot) => new(_slots.Key[slot], _slots.Device[slot], _slots.Start[slot], _slots.Last[slot],
        _slots.EventCount[slot], _slots.DistinctTimestamps[slot], _slots.Pages[slot] + _slots.PagesBeforeSeed[slot],
        _slots.ActiveTimeSec[slot], _slots.StartedByCap[slot], _slots.StartCertain[slot]);

    /// <summary>The open sessions' fields, one array each, indexed by slot.</summary>
    private sealed class Slots(int capacity)
    {
        public int Capacity => Key.Length;
        public readonly StreamKey[] Key = new StreamKey[capacity];
        public readonly int[] Device = new int[capacity];
        public readonly long[] Start = new long[capacity];
        public readonly long[] Last = new long[capacity];
        public readonly int[] EventCount = new int[capacity];
        public readonly int[] DistinctTimestamps = new int[capacity];
        public readonly double[] ActiveTimeSec = new double[capacity];
        public readonly int[] Pages = new int[capacity];
        public readonly int[] PagesBeforeSeed = new int[capacity];
        public readonly bool[] StartedByCap = new bool[capacity];
        public readonly bool[] StartCertain = new bool[capacity];
        public readonly int[] Serial = new int[capacity];
        public readonly int[] PageList = new int[capacity * InlinePages];

        public Slots Grown()
        {
            var grown = new Slots(Capacity * 2);
            Key.CopyTo(grown.Key, 0); Device.CopyTo(grown.Device, 0); Start.CopyTo(grown.Start, 0); Last.CopyTo(grown.Last, 0);
            EventCount.CopyTo(grown.EventCount, 0); DistinctTimestamps.CopyTo(grown.DistinctTimestamps, 0);
            ActiveTimeSec.CopyTo(grown.ActiveTimeSec, 0); Pages.CopyTo(grown.Pages, 0); PagesBeforeSeed.CopyTo(grown.PagesBeforeSeed, 0);
            StartedByCap.CopyTo(grown.StartedByCap, 0);
            StartCertain.CopyTo(grown.StartCertain, 0); Serial.CopyTo(grown.Serial, 0); PageList.CopyTo(grown.PageList, 0);
            return grown;
        }
    }
}
