using System.Text;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Live;

/// <summary>
/// The batch cleaning rules (<see cref="DayCleaner"/>) one event at a time, for the stream: the student hashed
/// (<see cref="StudentHasher"/>, once per distinct raw id), the device normalised, the page resolved
/// (<see cref="PageLocation"/>), and duplicates by <c>event_id</c> dropped within the event's date — the first seen
/// wins, as in batch. The duplicate tables of dates the watermark has left behind are forgotten, so memory is bounded
/// by the dates still open.
/// </summary>
public sealed class LiveCleaner(byte[] hashKey) : IDisposable
{
    private readonly StudentHasher _hasher = new(hashKey);
    private readonly SymbolTable _rawStudents = new();
    private readonly List<int> _studentOfRaw = [];
    private readonly Dictionary<DateOnly, DuplicateFilter> _seen = [];

    /// <summary>The texts the cleaned events' symbols refer to (student hashes, devices, browsers, networks, pages).</summary>
    public SymbolTable Symbols { get; } = new();

    public long Duplicates { get; private set; }

    /// <summary>
    /// Offers an event's id to its date's table (the first seen wins): true when an event with that id was seen already
    /// — taken, or counted late before (a post sent again) — so it is not taken or counted twice.
    /// </summary>
    public bool SeenBefore(RawEvent e)
    {
        if (e.EventId is not { } id) return false;
        var date = UtcMicros.DateOf(e.TimestampMicros);
        if (FilterOf(date).Offer(id.Span, out _)) return false;
        Duplicates++;
        return true;
    }

    /// <returns>false for a duplicate of an event already seen on its date.</returns>
    public bool TryClean(RawEvent e, out SessionEvent cleaned)
    {
        if (SeenBefore(e))
        {
            cleaned = default;
            return false;
        }
        var page = PageLocation.Resolve(Chars(e.PageUrl), Chars(e.ScreenName), Chars(e.CourseId), Chars(e.ChapterId)).Page;
        cleaned = new SessionEvent(
            Student(e.StudentId!.Value.Span),
            Symbols.Intern(DeviceName.Normalize(e.Device is { } d ? Encoding.UTF8.GetString(d.Span) : null)),
            Symbols.Intern(e.Browser),
            Symbols.Intern(e.Network),
            e.TimestampMicros,
            page is { } p ? Symbols.Intern(p.Span) : SymbolTable.None,
            e.TimeSpentSec);
        return true;
    }

    /// <summary>The event ids taken per date still open (a checkpoint's).</summary>
    public IEnumerable<(DateOnly Date, IReadOnlyList<byte[]> Ids)> SeenIds() =>
        _seen.OrderBy(s => s.Key).Select(s => (s.Key, (IReadOnlyList<byte[]>)s.Value.KeptIds().ToList()));

    /// <summary>Takes a checkpoint's ids and count back: events with these ids are duplicates from now on.</summary>
    public void Restore(IEnumerable<(DateOnly Date, IReadOnlyList<byte[]> Ids)> seen, long duplicates)
    {
        foreach (var (date, ids) in seen)
        {
            var filter = FilterOf(date, ids.Count);
            foreach (var id in ids) filter.Offer(id, out _);
        }
        Duplicates = duplicates;
    }

    /// <summary>The symbol of a student's hash, as cleaning gives it (a checkpoint holds the hash, not the raw id).</summary>
    public int StudentOfHash(string hash) => Symbols.Intern(hash);

    private DuplicateFilter FilterOf(DateOnly date, int expectedIds = 1024)
    {
        if (!_seen.TryGetValue(date, out var filter)) _seen[date] = filter = new DuplicateFilter(expectedIds);
        return filter;
    }

    /// <summary>Drops the duplicate tables of dates before <paramref name="date"/>: no event of theirs is taken any more.</summary>
    public void ForgetBefore(DateOnly date)
    {
        foreach (var old in _seen.Keys.Where(d => d < date).ToList())
        {
            _seen[old].Dispose();
            _seen.Remove(old);
        }
    }

    private int Student(ReadOnlySpan<byte> rawId)
    {
        var raw = _rawStudents.Intern(rawId);
        while (_studentOfRaw.Count <= raw)
            _studentOfRaw.Add(Symbols.Intern(_hasher.Hash(_rawStudents.TextOf(_studentOfRaw.Count)!)));
        return _studentOfRaw[raw];
    }

    private static ReadOnlyMemory<char>? Chars(ReadOnlyMemory<byte>? utf8) =>
        utf8 is { } bytes ? Encoding.UTF8.GetString(bytes.Span).AsMemory() : null;

    public void Dispose()
    {
        foreach (var filter in _seen.Values) filter.Dispose();
        _hasher.Dispose();
    }
}
