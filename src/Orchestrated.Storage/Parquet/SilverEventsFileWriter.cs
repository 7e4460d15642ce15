using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Buffers;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

public static class SilverEventsFileWriter
{
    /// <summary>Writes the rows in the given order, in row groups of the configured size.</summary>
    public static void Write(Stream stream, CleanEventColumns c, ReadOnlySpan<int> order, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, SilverEventsTable.Columns, settings.Compression);
        var size = Math.Min(settings.RowGroupSize, Math.Max(1, order.Length));
        var ints = ArrayLoans.Rent<int>(size);
        var longs = ArrayLoans.Rent<long>(size);
        var doubles = ArrayLoans.Rent<double?>(size);
        for (var offset = 0; offset < order.Length; offset += size)
        {
            var n = Math.Min(size, order.Length - offset);
            var rows = order.Slice(offset, n);
            writer.BeginRowGroup(n);
            writer.WriteTexts(Gather(c.EventId, rows, longs), c.EventIds.Ids);
            writer.WriteSymbols(Gather(c.StudentHash, rows, ints), c.Texts);
            writer.WriteInt64(Gather(c.Ts, rows, longs));
            writer.WriteSymbols(Gather(c.EventType, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.Device, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.Browser, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.Network, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.Page, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.CourseId, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.ChapterId, rows, ints), c.Texts);
            writer.WriteDoubles(Gather(c.TimeSpentSec, rows, doubles));
            var days = ints.AsSpan(0, n);
            for (var i = 0; i < n; i++) days[i] = c.ArrivalDate[rows[i]].DayNumber - ColumnarFileReader.UnixEpochDay;
            writer.WriteInt32(days);
            writer.WriteSymbols(Gather(c.SourceFile, rows, ints), c.Texts);
            writer.WriteInt64(Gather(c.SourceLine, rows, longs));
            writer.EndRowGroup();
        }
        writer.Complete();
        ArrayLoans.Return(ref ints);
        ArrayLoans.Return(ref longs);
        ArrayLoans.Return(ref doubles);
    }

    private static ReadOnlySpan<T> Gather<T>(T[] column, ReadOnlySpan<int> rows, T[] into)
    {
        for (var i = 0; i < rows.Length; i++) into[i] = column[rows[i]];
        return into.AsSpan(0, rows.Length);
    }

}
