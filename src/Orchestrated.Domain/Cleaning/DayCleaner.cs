using System.Runtime.InteropServices;
using System.Text;
using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Quality;
using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// Cleans one event date's bronze rows, offered in first-seen order. Texts arrive as coded columns; each rule
/// (hash the student, normalise the device, intern a text) runs once per distinct value of a row group, and the
/// student hash once per distinct raw id of the day. Raw student ids live in a table of their own, never written.
/// </summary>
public sealed class DayCleaner : IDisposable
{
    private readonly DateOnly _date;
    private readonly StudentHasher _hasher;
    private readonly DuplicateFilter _duplicates;
    private readonly SymbolTable _rawStudents = new();
    private readonly List<int> _studentHashOfRaw = [];
    private readonly int _unknownDevice;
    private readonly CodeMap _students, _devices, _eventTypes, _browsers, _networks, _files, _pageUrls, _screens, _courses, _chapters;
    private readonly Dictionary<(int Url, int Screen, int Course, int Chapter), (int Page, int Course, int Chapter)> _locations = [];
    private int[] _urlLocation = []; // by URL symbol: 1 + index into _urlLocations, 0 while not resolved
    private readonly List<(int Page, int Course, int Chapter)> _urlLocations = [];
    private readonly Dictionary<long, long> _lastTs = []; // by (student << 32 | file): the student's latest time in that file
    /// <summary>How many rows ahead the duplicate table's slots are fetched: enough to cover a memory access.</summary>
    private const int PrefetchDistance = 16;
    private ulong[] _idHashes = [];

    public DayCleaner(DateOnly date, byte[] hashKey, int expectedRows)
    {
        _date = date;
        _hasher = new StudentHasher(hashKey);
        _duplicates = new DuplicateFilter(expectedRows);
        Rows = new CleanEventColumns(Math.Max(1024, expectedRows), _duplicates);
        var texts = Rows.Texts;
        _unknownDevice = texts.Intern(DeviceName.Unknown);
        TextRule intern = texts.Intern;
        _students = new CodeMap(StudentHash);
        _devices = new CodeMap(raw => texts.Intern(DeviceName.Normalize(Encoding.UTF8.GetString(raw))));
        (_eventTypes, _browsers, _networks, _files) = (new(intern), new(intern), new(intern), new(intern));
        (_pageUrls, _screens, _courses, _chapters) = (new(intern), new(intern), new(intern), new(intern));
    }

    public CleanEventColumns Rows { get; }
    public long RowsRead { get; private set; }
    public long Duplicates => _duplicates.Duplicates;
    public long LateEvents { get; private set; }
    public long OutOfOrderEvents { get; private set; }
    public long EventsWithoutId { get; private set; }

    /// <summary>Every row of the date, from the source in its first-seen order.</summary>
    public async Task AddAllAsync(IBronzeDaySource source, CancellationToken ct = default)
    {
        await foreach (var (arrival, batch) in source.ReadFirstSeenAsync(_date, ct)) Add(batch, arrival);
    }

    /// <summary>Every row read is written or a duplicate (hard); late and out-of-order events are reported (soft).</summary>
    public IReadOnlyList<DataQualityResult> Quality() =>
    [
        CountBalance.Check(RowsRead, Rows.Count, 0, Duplicates),
        DataQualityResult.Anomaly("late_events", LateEvents, "events that arrived more than a day after their date"),
        DataQualityResult.Anomaly("out_of_order_events", OutOfOrderEvents,
            "events earlier than the same student's previous event in the same raw file"),
    ];

    public IReadOnlyDictionary<string, long> Anomalies() => new Dictionary<string, long>
    {
        ["late_events"] = LateEvents,
        ["out_of_order_events"] = OutOfOrderEvents,
        ["events_without_id"] = EventsWithoutId,
    };

    /// <summary>Cleans one batch of bronze rows that arrived on <paramref name="arrival"/>; batches come in first-seen order.</summary>
    public void Add(BronzeEventBatch b, DateOnly arrival)
    {
        _students.Reset(b.StudentId);
        _devices.Reset(b.Device);
        _eventTypes.Reset(b.EventType);
        _browsers.Reset(b.Browser);
        _networks.Reset(b.Network);
        _files.Reset(b.SourceFile);
        _pageUrls.Reset(b.PageUrl);
        _screens.Reset(b.ScreenName);
        _courses.Reset(b.CourseId);
        _chapters.Reset(b.ChapterId);
        var late = LateArrival.IsLate(_date, arrival);
        var c = Rows;
        c.Reserve(b.Count); // the columns do not move during the loop
        var (eventIds, students, times, types, devices, browsers, networks) =
            (c.EventId, c.StudentHash, c.Ts, c.EventType, c.Device, c.Browser, c.Network);
        var (pages, courses, chapters, spent, arrivals, files, lines) =
            (c.Page, c.CourseId, c.ChapterId, c.TimeSpentSec, c.ArrivalDate, c.SourceFile, c.SourceLine);
        var ids = b.EventId;
        var hashes = IdHashes(ids, b.Count);
        for (var i = 0; i < b.Count; i++)
        {
            RowsRead++;
            if (i + PrefetchDistance < b.Count) _duplicates.Prefetch(hashes[i + PrefetchDistance]);
            var idCode = ids.Codes[i];
            long eventId = TextArena.None;
            if (idCode != TextColumn.Null && !_duplicates.Offer(ids.Value(idCode).Span, hashes[i], out eventId)) continue;
            var r = c.Append();
            var student = _students.Of(i);
            var file = _files.Of(i);
            var ts = b.Ts[i];
            eventIds[r] = eventId;
            students[r] = student;
            times[r] = ts;
            types[r] = _eventTypes.Of(i);
            devices[r] = _devices.Of(i, ifNull: _unknownDevice);
            browsers[r] = _browsers.Of(i);
            networks[r] = _networks.Of(i);
            (pages[r], courses[r], chapters[r]) = Location(_pageUrls.Of(i), _screens.Of(i), _courses.Of(i), _chapters.Of(i));
            spent[r] = b.TimeSpentSec[i];
            arrivals[r] = arrival;
            files[r] = file;
            lines[r] = b.SourceLine[i];

            if (eventId == TextArena.None) EventsWithoutId++;
            if (late) LateEvents++;
            ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_lastTs, ((long)student << 32) | (uint)file, out var seen);
            if (seen && ts < last) OutOfOrderEvents++;
            else last = ts;
        }
    }

    public void Dispose()
    {
        Rows.Dispose();
        _duplicates.Dispose();
        _hasher.Dispose();
        ArrayLoans.Return(ref _idHashes);
    }

    /// <summary>The hash of each row's event id (0 for none), so the duplicate table's slots can be fetched ahead.</summary>
    private ulong[] IdHashes(TextColumn ids, int rows)
    {
        if (_idHashes.Length < rows) ArrayLoans.Grow(ref _idHashes, rows, 0);
        for (var i = 0; i < rows; i++)
            _idHashes[i] = ids.Codes[i] == TextColumn.Null ? 0 : Utf8Hash.Of(ids.Value(ids.Codes[i]).Span);
        return _idHashes;
    }

    /// <summary>The rows in the order of <c>silver/events</c> (see <see cref="CleanEventOrder"/>); give the array back.</summary>
    public int[] SortedOrder() => CleanEventOrder.Of(Rows);

    /// <summary>The hashed student of a raw id; the HMAC runs once per distinct raw id of the day.</summary>
    private int StudentHash(ReadOnlySpan<byte> rawId)
    {
        var raw = _rawStudents.Intern(rawId);
        while (_studentHashOfRaw.Count <= raw)
        {
            var text = _rawStudents.TextOf(_studentHashOfRaw.Count)!;
            _studentHashOfRaw.Add(Rows.Texts.Intern(_hasher.Hash(text)));
        }
        return _studentHashOfRaw[raw];
    }

    /// <summary>
    /// Where an event happened, resolved once per distinct combination of its four fields. Web events carry only
    /// a URL: their combinations are looked up by the URL's symbol in an array, the rest in a dictionary.
    /// </summary>
    private (int Page, int Course, int Chapter) Location(int url, int screen, int course, int chapter)
    {
        if (url != SymbolTable.None && screen == SymbolTable.None && course == SymbolTable.None && chapter == SymbolTable.None)
        {
            if (url >= _urlLocation.Length) Array.Resize(ref _urlLocation, Math.Max(url + 1, _urlLocation.Length * 2));
            ref var known = ref _urlLocation[url];
            if (known == 0)
            {
                _urlLocations.Add(Resolve(url, screen, course, chapter));
                known = _urlLocations.Count;
            }
            return _urlLocations[known - 1];
        }
        ref var location = ref CollectionsMarshal.GetValueRefOrAddDefault(_locations, (url, screen, course, chapter), out var seen);
        if (!seen) location = Resolve(url, screen, course, chapter);
        return location;
    }

    private (int Page, int Course, int Chapter) Resolve(int url, int screen, int course, int chapter)
    {
        var texts = Rows.Texts;
        var resolved = PageLocation.Resolve(Memory(url), Memory(screen), Memory(course), Memory(chapter));
        return (texts.Intern(resolved.Page), texts.Intern(resolved.CourseId), texts.Intern(resolved.ChapterId));

        ReadOnlyMemory<char>? Memory(int id) => texts.TextOf(id)?.AsMemory();
    }
}
