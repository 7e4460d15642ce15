using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Workflows.Tests.Partitions;

/// <summary>A ledger written by hand: partitions of the shipped DAG, each at a time, with the inputs it read.</summary>
internal sealed class Ledger
{
    private readonly List<LedgerPartition> _partitions = [];
    private readonly List<LateStreamEvents> _late = [];
    private DateTime _now = new(2026, 3, 20, 3, 0, 0, DateTimeKind.Utc);

    public IReadOnlyList<LedgerPartition> Partitions => _partitions;

    public PartitionJudge Judge(DateOnly horizon) => new(ShippedDag.Partitions(), _partitions, horizon, _late);

    /// <summary>
    /// The stream saw <paramref name="events"/> events of <paramref name="holds"/> late; they are in raw <paramref name="arrival"/>.
    /// </summary>
    public LateStreamEvents Late(DateOnly arrival, DateOnly holds, long events)
    {
        _now = _now.AddMinutes(1);
        var late = new LateStreamEvents(Dataset.Raw.Name, arrival, holds, events, _now);
        _late.Add(late);
        return late;
    }

    public static string Key(string dataset, DateOnly date) => StepRegistry.Standard.Datasets.Single(d => d.Name == dataset).PartKey(date);

    public static LedgerInput Absent(string dataset, DateOnly date) => new(Key(dataset, date), LedgerInput.AbsentVersion, dataset, date);

    /// <summary>The input as the partition stands now in this ledger.</summary>
    public LedgerInput Current(string dataset, DateOnly date)
    {
        var p = _partitions.Last(x => x.Dataset == dataset && x.Date == date);
        return new LedgerInput(p.Key, p.Version, dataset, date);
    }

    public LedgerPartition Bronze(DateOnly arrival, params DateOnly[] holds) =>
        Write(Dataset.Bronze.Name, arrival, ShippedDag.Ingest,
            [new LedgerInput($"raw/events/date={arrival:yyyy-MM-dd}/a.jsonl", "r", null, null)], holds);

    /// <summary>Clean of <paramref name="date"/> as the step does it: every bronze partition holding the date, as it stands.</summary>
    public LedgerPartition Silver(DateOnly date) =>
        Write(Dataset.SilverEvents.Name, date, ShippedDag.Clean,
            _partitions.Where(p => p.Dataset == Dataset.Bronze.Name && (p.Date == date || p.ContentDates.Contains(date)))
                .GroupBy(p => p.Date).Select(g => Current(Dataset.Bronze.Name, g.Key)).ToList(), []);

    public LedgerPartition Sessions(DateOnly date, params LedgerInput[] inputs) =>
        Write(Dataset.Sessions.Name, date, ShippedDag.Sessions, inputs, []);

    public LedgerPartition Stats(DateOnly date) =>
        Write(Dataset.DailyStats.Name, date, ShippedDag.Stats, [Current(Dataset.Sessions.Name, date)], []);

    public LedgerPartition Write(string dataset, DateOnly date, string taskId, IReadOnlyList<LedgerInput> inputs, DateOnly[] holds,
        bool quality = true)
    {
        _now = _now.AddMinutes(1);
        _partitions.RemoveAll(p => p.Dataset == dataset && p.Date == date);
        var p = new LedgerPartition(dataset, date, Key(dataset, date), $"v{_partitions.Count}-{_now.Ticks}", taskId, RunId: 1, _now,
            TryStartedAt: _now.AddSeconds(-30), quality, RowsWritten: 10, inputs, holds);
        _partitions.Add(p);
        return p;
    }
}
