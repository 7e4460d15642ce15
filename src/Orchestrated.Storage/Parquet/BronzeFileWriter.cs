using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary>Writes a bronze file row group by row group; <see cref="Complete"/> records which event date each holds.</summary>
public sealed class BronzeFileWriter(Stream stream, ParquetSettings settings)
{
    private readonly ColumnarFileWriter _writer = new(stream, BronzeTable.Columns, settings.Compression);
    private readonly List<string> _rowGroupDates = [];

    public long RowsWritten => _writer.RowsWritten;

    public void WriteRowGroup(BronzeRowBuffer b, DateOnly eventDate)
    {
        if (b.Count == 0) return;
        var n = b.Count;
        var w = _writer;
        w.BeginRowGroup(n);
        var texts = b.Texts;
        w.WriteSymbols(b.SourceFile.AsSpan(0, n), texts);
        w.WriteInt64(b.SourceLine.AsSpan(0, n));
        w.WriteTexts(b.EventId.AsSpan(0, n), b.Arena);
        w.WriteSymbols(b.StudentId.AsSpan(0, n), texts);
        w.WriteInt64(b.Ts.AsSpan(0, n));
        w.WriteSymbols(b.EventType.AsSpan(0, n), texts);
        w.WriteSymbols(b.PageUrl.AsSpan(0, n), texts);
        w.WriteSymbols(b.ScreenName.AsSpan(0, n), texts);
        w.WriteSymbols(b.Device.AsSpan(0, n), texts);
        w.WriteSymbols(b.Browser.AsSpan(0, n), texts);
        w.WriteSymbols(b.Network.AsSpan(0, n), texts);
        w.WriteSymbols(b.CourseId.AsSpan(0, n), texts);
        w.WriteSymbols(b.ChapterId.AsSpan(0, n), texts);
        w.WriteDoubles(b.TimeSpentSec.AsSpan(0, n));
        w.WriteTexts(b.Metadata.AsSpan(0, n), b.Arena);
        w.WriteTexts(b.Extra.AsSpan(0, n), b.Arena);
        w.EndRowGroup();
        _rowGroupDates.Add(eventDate.ToString("yyyy-MM-dd"));
    }

    public void Complete() =>
        _writer.Complete(new Dictionary<string, string> { [BronzeTable.RowGroupDatesKey] = string.Join(',', _rowGroupDates) });
}
