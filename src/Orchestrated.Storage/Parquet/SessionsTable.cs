using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary><c>silver/sessions</c>: the contract's session columns, one file per start date.</summary>
public static class SessionsTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("session_id", ColumnKind.Text, false),
        new("student_hash", ColumnKind.Text, false),
        new("device", ColumnKind.Text, false),
        new("session_start", ColumnKind.Timestamp, false),
        new("session_end", ColumnKind.Timestamp, false),
        new("session_duration_sec", ColumnKind.Int64, false),
        new("event_count", ColumnKind.Int32, false),
        new("pages_visited", ColumnKind.Int32, false),
        new("avg_event_gap_sec", ColumnKind.Double, true),
        new("active_time_sec", ColumnKind.Double, false),
        new("capped", ColumnKind.Boolean, false),
    ];

    public static void Write(Stream stream, IReadOnlyList<SessionRow> rows, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, Columns, settings.Compression);
        var size = Math.Min(settings.RowGroupSize, Math.Max(1, rows.Count));
        var strings = ArrayLoans.Rent<string?>(size);
        var longs = ArrayLoans.Rent<long>(size);
        var ints = ArrayLoans.Rent<int>(size);
        var doubles = ArrayLoans.Rent<double>(size);
        var gaps = ArrayLoans.Rent<double?>(size);
        var flags = ArrayLoans.Rent<bool>(size);
        var symbols = new SymbolTable();
        for (var offset = 0; offset < rows.Count; offset += size)
        {
            var n = Math.Min(size, rows.Count - offset);
            writer.BeginRowGroup(n);
            writer.WriteUniqueStrings(Gather(rows, offset, n, strings, r => r.SessionId));
            writer.WriteSymbols(Symbols(rows, offset, n, ints, symbols, r => r.StudentHash), symbols);
            writer.WriteSymbols(Symbols(rows, offset, n, ints, symbols, r => r.Device), symbols);
            writer.WriteInt64(Gather(rows, offset, n, longs, r => r.SessionStart));
            writer.WriteInt64(Gather(rows, offset, n, longs, r => r.SessionEnd));
            writer.WriteInt64(Gather(rows, offset, n, longs, r => r.SessionDurationSec));
            writer.WriteInt32(Gather(rows, offset, n, ints, r => r.EventCount));
            writer.WriteInt32(Gather(rows, offset, n, ints, r => r.PagesVisited));
            writer.WriteDoubles(Gather(rows, offset, n, gaps, r => r.AvgEventGapSec));
            writer.WriteDoubles(Gather(rows, offset, n, doubles, r => r.ActiveTimeSec));
            writer.WriteBooleans(Gather(rows, offset, n, flags, r => r.Capped));
            writer.EndRowGroup();
        }
        writer.Complete();
        ArrayLoans.Return(ref strings);
        ArrayLoans.Return(ref longs);
        ArrayLoans.Return(ref ints);
        ArrayLoans.Return(ref doubles);
        ArrayLoans.Return(ref gaps);
        ArrayLoans.Return(ref flags);
    }

    public static IReadOnlyList<SessionRow> Read(Stream stream, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(Columns, "sessions");
        var rows = new List<SessionRow>((int)Math.Min(reader.RowCount, 1 << 24));
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            using TextColumn id = new(n), student = new(n), device = new(n);
            long[] start = new long[n], end = new long[n], duration = new long[n];
            int[] count = new int[n], pages = new int[n];
            double?[] gap = new double?[n], active = new double?[n];
            var capped = new bool[n];
            reader.ReadTexts(g, "session_id", id);
            reader.ReadTexts(g, "student_hash", student);
            reader.ReadTexts(g, "device", device);
            reader.ReadInt64(g, "session_start", start);
            reader.ReadInt64(g, "session_end", end);
            reader.ReadInt64(g, "session_duration_sec", duration);
            reader.ReadInt32(g, "event_count", count);
            reader.ReadInt32(g, "pages_visited", pages);
            reader.ReadDoubles(g, "avg_event_gap_sec", gap);
            reader.ReadDoubles(g, "active_time_sec", active);
            reader.ReadBooleans(g, "capped", capped);
            var students = Strings(student);
            var devices = Strings(device);
            for (var r = 0; r < n; r++)
                rows.Add(new SessionRow(id.Text(r)!, students[student.Codes[r]], devices[device.Codes[r]], start[r], end[r], duration[r],
                    count[r], pages[r], gap[r], active[r]!.Value, capped[r]));
        }
        return rows;
    }

    /// <summary>Each distinct value of a dictionary-coded column as one string, shared by its rows.</summary>
    internal static string[] Strings(TextColumn column)
    {
        var strings = new string[column.ValueCount];
        for (var v = 0; v < strings.Length; v++) strings[v] = System.Text.Encoding.UTF8.GetString(column.Value(v).Span);
        return strings;
    }

    private static ReadOnlySpan<T> Gather<T>(IReadOnlyList<SessionRow> rows, int offset, int n, T[] into, Func<SessionRow, T> value)
    {
        for (var i = 0; i < n; i++) into[i] = value(rows[offset + i]);
        return into.AsSpan(0, n);
    }

    private static ReadOnlySpan<int> Symbols(IReadOnlyList<SessionRow> rows, int offset, int n, int[] into, SymbolTable symbols,
        Func<SessionRow, string> value)
    {
        for (var i = 0; i < n; i++) into[i] = symbols.Intern(value(rows[offset + i]));
        return into.AsSpan(0, n);
    }
}
