using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// One bronze row group's columns, as cleaning reads them: texts coded per batch (see <see cref="TextColumn"/>).
/// A reader reuses one batch (and its arrays) for every row group: use the rows before asking for the next batch.
/// </summary>
public sealed class BronzeEventBatch(int capacity) : IDisposable
{
    public int Count { get; set; }
    public TextColumn SourceFile { get; } = new(capacity);
    public long[] SourceLine { get; } = new long[capacity];
    public TextColumn EventId { get; } = new(capacity);
    public TextColumn StudentId { get; } = new(capacity);
    public long[] Ts { get; } = new long[capacity];
    public TextColumn EventType { get; } = new(capacity);
    public TextColumn PageUrl { get; } = new(capacity);
    public TextColumn ScreenName { get; } = new(capacity);
    public TextColumn Device { get; } = new(capacity);
    public TextColumn Browser { get; } = new(capacity);
    public TextColumn Network { get; } = new(capacity);
    public TextColumn CourseId { get; } = new(capacity);
    public TextColumn ChapterId { get; } = new(capacity);
    public double?[] TimeSpentSec { get; } = new double?[capacity];

    public void Dispose()
    {
        TextColumn[] texts =
            [SourceFile, EventId, StudentId, EventType, PageUrl, ScreenName, Device, Browser, Network, CourseId, ChapterId];
        foreach (var column in texts)
            column.Dispose();
    }
}
