namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// Judges partitions from the ledger alone, by the DAG's partition mappings:
/// <list type="bullet">
/// <item><b>stale</b> — an input it read was rewritten, a partition it found absent has arrived, or a later arrival now
/// holds events of its date;</item>
/// <item><b>provisional</b> — a partition of a window it maps to every partition of (the arrivals that may hold its
/// events) has not arrived, a partition it looked for was absent, or an input is itself not final;</item>
/// <item><b>final</b> — none of these: it equals what one run over the whole history would write.</item>
/// </list>
/// Partitions dated before the DAG's horizon (its earliest run) count as arrived: there the DAG's history begins. A
/// provisional partition whose missing inputs turn out not to hold its data becomes final without being recomputed:
/// recomputing would read exactly what it read.
/// </summary>
public sealed class PartitionJudge
{
    private readonly DagPartitions _dag;
    private readonly DateOnly _horizon;
    private readonly Dictionary<(string, DateOnly), LedgerPartition> _byPartition = [];
    private readonly Dictionary<(string, DateOnly), List<LedgerPartition>> _holders = [];
    private readonly Dictionary<(string, DateOnly), PartitionStatus> _judged = [];

    /// <param name="horizon">The earliest logical date the DAG has a run for: partitions before it are outside its history.</param>
    public PartitionJudge(DagPartitions dag, IEnumerable<LedgerPartition> ledger, DateOnly horizon)
    {
        (_dag, _horizon) = (dag, horizon);
        foreach (var p in ledger)
        {
            _byPartition[(p.Dataset, p.Date)] = p;
            foreach (var date in p.ContentDates)
                (_holders.TryGetValue((p.Dataset, date), out var list) ? list : _holders[(p.Dataset, date)] = []).Add(p);
        }
    }

    public LedgerPartition? Find(string dataset, DateOnly date) => _byPartition.GetValueOrDefault((dataset, date));

    public PartitionStatus StatusOf(string dataset, DateOnly date)
    {
        if (_judged.TryGetValue((dataset, date), out var known)) return known;
        var status = Judge(dataset, date);
        _judged[(dataset, date)] = status;
        return status;
    }

    private PartitionStatus Judge(string dataset, DateOnly date)
    {
        if (Find(dataset, date) is not { } p) return new PartitionStatus(dataset, date, PartitionState.Missing, null, [], [], [], [], null);
        var reads = _dag.ProducerOf(dataset) == p.TaskId ? _dag.ProducedReads(_dag.Of(p.TaskId)).ToList() : [];
        var changed = new List<InputChange>();
        var missing = new List<string>();
        var provisional = new List<string>();
        var awaiting = new List<string>();
        var finalSince = p.WrittenAt;
        var readKeys = p.Inputs.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);

        foreach (var input in p.Inputs)
        {
            if (input.Dataset is not { } inputDataset || input.Date is not { } inputDate || _dag.ProducerOf(inputDataset) is null) continue;
            var current = Find(inputDataset, inputDate);
            if (input.Absent)
            {
                if (current is not null)
                    changed.Add(new InputChange($"{Name(inputDataset, inputDate)} arrived", inputDataset, inputDate, current.WrittenAt));
                else if (inputDate >= _horizon) missing.Add(Name(inputDataset, inputDate));
                continue;
            }
            if (current is null)
            {
                provisional.Add($"{Name(inputDataset, inputDate)} (not recorded by this DAG)");
                continue;
            }
            if (current.Key != input.Key || current.Version != input.Version)
            {
                changed.Add(new InputChange($"{Name(inputDataset, inputDate)} rewritten", inputDataset, inputDate, current.WrittenAt));
                continue;
            }
            var upstream = StatusOf(inputDataset, inputDate);
            if (upstream.State != PartitionState.Final)
            {
                provisional.Add($"{Name(inputDataset, inputDate)} is {PartitionStatus.Name(upstream.State)}");
                awaiting.AddRange(upstream.Awaiting);
            }
            else if (upstream.FinalSince > finalSince) finalSince = upstream.FinalSince.Value;
        }

        foreach (var window in reads)
        {
            // Partitions keyed by arrival hold data of other dates: every one holding this date is an input, however late.
            foreach (var holder in _holders.GetValueOrDefault((window.Dataset, date)) ?? [])
                if (!readKeys.Contains(holder.Key))
                    changed.Add(new InputChange($"{Name(holder.Dataset, holder.Date)} holds data of {date:yyyy-MM-dd}",
                        holder.Dataset, holder.Date, holder.WrittenAt));
            if (window.Use != WindowUse.Every) continue;
            foreach (var mapped in window.DatesFor(date))
            {
                if (mapped < _horizon) continue;
                if (Find(window.Dataset, mapped) is { } arrived) { if (arrived.WrittenAt > finalSince) finalSince = arrived.WrittenAt; }
                else missing.Add(Name(window.Dataset, mapped));
            }
        }

        var state = changed.Count > 0 ? PartitionState.Stale
            : !p.QualityPassed ? PartitionState.Failed
            : missing.Count > 0 || provisional.Count > 0 ? PartitionState.Provisional
            : PartitionState.Final;
        return new PartitionStatus(dataset, date, state, p, changed, missing.Distinct().ToList(), provisional,
            missing.Concat(awaiting).Distinct().Order(StringComparer.Ordinal).ToList(), state == PartitionState.Final ? finalSince : null);
    }

    private static string Name(string dataset, DateOnly date) => $"{dataset} {date:yyyy-MM-dd}";
}
