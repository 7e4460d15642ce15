using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class IngestDescriptor : StepDescriptor
{
    public const string StepName = "ingest";

    public override string Name => StepName;
    public override string Description => "Raw JSON events of an arrival date → bronze Parquet; malformed lines quarantined.";

    public override IReadOnlyList<StepParam> Params { get; } =
    [
        StepParam.Integer("max_record_bytes", "A raw line longer than this is quarantined unread.", 1024, 1L << 30,
            s => s.MaxRecordBytes, (s, v) => s with { MaxRecordBytes = v }),
        StepParam.Integer("max_file_megabytes", "A raw file holding (or decompressing to) more is read no further.", 1, 1 << 20,
            s => s.MaxFileMegabytes, (s, v) => s with { MaxFileMegabytes = v }),
        StepParam.Integer("max_event_dates", "Events of more distinct event dates than this in one arrival are quarantined.",
            1, 10_000, s => s.MaxEventDates, (s, v) => s with { MaxEventDates = v }),
    ];

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.Bronze, Dataset.Quarantine];

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
        [new PartitionWindow(Dataset.Raw.Name, 0, 0, WindowUse.Every)];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new IngestStep(c.Store, c.Settings, c.Loggers.CreateLogger<IngestStep>()).RunAsync(date, progress, ct);
}
