using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Parquet;
using Orchestrated.Workflows.Partitions;
using Parquet;
using Parquet.Schema;

namespace Orchestrated.Testing;

/// <summary>
/// A step as a newcomer adds one: this file, and a registry that lists it. It counts a date's clean events — per
/// device with <c>split_on_device</c> — into <c>gold/event_counts</c>; tests register it and find it everywhere a step
/// shows: the catalog, the API, DAG validation, the workers, the CLI and the partitions page.
/// </summary>
public sealed class EventCountStep : StepDescriptor
{
    public const string StepName = "count_events";
    public static readonly Dataset EventCounts = new("event_counts", "gold/event_counts");

    public static StepRegistry Registry { get; } = new([.. StepRegistry.Standard.Steps, new EventCountStep()]);

    public override string Name => StepName;
    public override string Description => "Clean events of a date → their number, per device if asked.";

    public override IReadOnlyList<StepParam> Params { get; } =
    [
        StepParam.Boolean("split_on_device", "One count per device.", s => s.SplitOnDevice, (s, v) => s with { SplitOnDevice = v }),
    ];

    public override IReadOnlyList<Dataset> Writes { get; } = [EventCounts];

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
        [new PartitionWindow(Dataset.SilverEvents.Name, 0, 0, WindowUse.Every)];

    public override async Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct)
    {
        var key = Dataset.SilverEvents.PartKey(date);
        var input = await c.Store.StatAsync(key, ct) ?? throw new MissingInputException($"No clean events for {date:yyyy-MM-dd}.");
        IReadOnlyList<SilverEventRow> events;
        await using (var stream = await c.Store.OpenReadAsync(key, ct)) events = SilverEventsFileReader.ReadAll(stream, key);
        var counts = events.GroupBy(e => c.Settings.SplitOnDevice ? e.Device : "all").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var schema = new ParquetSchema(new DataField<string>("device"), new DataField<long>("events"));
        var output = await c.Store.WriteAsync(EventCounts.PartKey(date), async (stream, token) =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: token);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(schema.DataFields[0], new ArraySegment<string>(counts.Select(g => g.Key).ToArray()));
            await group.WriteAsync<long>(schema.DataFields[1], new ReadOnlyMemory<long>(counts.Select(g => (long)g.Count()).ToArray()));
        }, ct);
        return new StepResult
        {
            Step = Name, Date = date, RowsRead = events.Count, RowsWritten = counts.Count, Inputs = [input], Outputs = [output],
        };
    }
}
