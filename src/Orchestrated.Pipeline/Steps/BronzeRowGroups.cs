using Orchestrated.Domain.Events;
using Orchestrated.Domain.Ingest;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// Accepted events into a bronze file: one row buffer per event date, written as a row group whenever it fills, the
/// rest by <see cref="FlushAll"/> in date order. Every row group holds one event date, so cleaning reads only its own.
/// </summary>
public sealed class BronzeRowGroups(BronzeFileWriter writer, int rowGroupSize) : IBronzeSink, IDisposable
{
    private readonly Dictionary<DateOnly, BronzeRowBuffer> _buffers = [];

    public void Accept(RawEvent e, DateOnly eventDate, string file, long line)
    {
        if (!_buffers.TryGetValue(eventDate, out var buffer)) _buffers[eventDate] = buffer = new BronzeRowBuffer(rowGroupSize);
        buffer.Add(e, file, line);
        if (buffer.IsFull) Write(buffer, eventDate);
    }

    public void FlushAll()
    {
        foreach (var (eventDate, buffer) in _buffers.OrderBy(kv => kv.Key)) Write(buffer, eventDate);
    }

    public void Dispose()
    {
        foreach (var buffer in _buffers.Values) buffer.Dispose();
        _buffers.Clear();
    }

    private void Write(BronzeRowBuffer buffer, DateOnly eventDate)
    {
        writer.WriteRowGroup(buffer, eventDate);
        buffer.Clear();
    }
}
