namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// Judges partitions from the ledger alone, by the DAG's partition mappings:
/// <list type="bullet">
/// <item><b>stale</b> — an input it read was rewritten, a partition it found absent has arrived, a later arrival now
/// holds events of its date, or late stream events of its date (<see cref="LateStreamEvents"/>) reached the raw zone since:
/// the partitions that read that arrival are stale at once, and those of the events' date are stale awaiting its
/// ingest;</item>
/// <item><b>provisional</b> — a partition of a window it maps to every partition of (the arrivals that may hold its
/// events) has not arrived, a partition it looked for was absent, or an input is itself not final;</item>
/// <item><b>final</b> — none of these: it equals what one run over the whole history would write.</item>
/// </list>
/// Partitions dated before the DAG's horizon (its earliest run) count as arrived and final, read or not: there the DAG's
/// history begins. A
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
    private readonly ILookup<string, LateStreamEvents> _lateByDataset;
    private readonly ILookup<DateOnly, LateStreamEvents> _lateByHeldDate;

    /// <param name="horizon">The earliest logical date the DAG has a run for: partitions before it are outside its history.</param>
    /// <param name="late">Late stream events by arrival and date they hold (one per pair: counts summed, the latest time).</param>
    public PartitionJudge(DagPartitions dag, IEnumerable<LedgerPartition> ledger, DateOnly horizon,
        IEnumerable<LateStreamEvents>? late = null)
    {
        (_dag, _horizon) = (dag, horizon);
        var arrivals = (late ?? []).ToList();
        _lateByDataset = arrivals.ToLookup(a => a.Dataset);
        _lateByHeldDate = arrivals.ToLookup(a => a.HoldsDate);
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
                // Before the horizon the DAG's history begins: what it read there (history imported or computed
                // elsewhere) is given, as an absent partition there is.
                if (inputDate >= _horizon) provisional.Add($"{Name(inputDataset, inputDate)} (not recorded by this DAG)");
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

        if (_dag.ProducerOf(dataset) == p.TaskId)
        {
            changed.AddRange(LateIntoItsInputs(p));
            changed.AddRange(LateOfItsDate(p, reads));
            awaiting.AddRange(changed.Select(c => c.Awaits).OfType<string>());
        }

        var state = changed.Count > 0 ? PartitionState.Stale
            : !p.QualityPassed ? PartitionState.Failed
            : missing.Count > 0 || provisional.Count > 0 ? PartitionState.Provisional
            : PartitionState.Final;
        return new PartitionStatus(dataset, date, state, p, changed, missing.Distinct().ToList(), provisional,
            missing.Concat(awaiting).Distinct().Order(StringComparer.Ordinal).ToList(), state == PartitionState.Final ? finalSince : null);
    }

    /// <summary>Late events put since it was written into an outside partition it reads (the raw zone of its arrival).</summary>
    private IEnumerable<InputChange> LateIntoItsInputs(LedgerPartition p)
    {
        var since = p.TryStartedAt ?? p.WrittenAt;
        foreach (var window in _dag.Of(p.TaskId).Reads.Where(w => _dag.ProducerOf(w.Dataset) is null))
            foreach (var late in _lateByDataset[window.Dataset].Where(a => window.Covers(p.Date, a.Date) && a.At > since)
                         .GroupBy(a => a.Date))
                yield return new InputChange($"{Name(window.Dataset, late.Key)} received {late.Sum(a => a.Events)} late stream events",
                    window.Dataset, late.Key, late.Max(a => a.At));
    }

    /// <summary>
    /// Late events of its date in an arrival whose ingest has not read them yet: stale, awaiting that ingest (once it
    /// is written, the arrival holds data of the date and the rules above take over).
    /// </summary>
    private IEnumerable<InputChange> LateOfItsDate(LedgerPartition p, IEnumerable<PartitionWindow> reads)
    {
        var late = _lateByHeldDate[p.Date].ToList();
        if (late.Count == 0) yield break;
        foreach (var window in reads)
        {
            var source = _dag.ProducerOf(window.Dataset)!;
            foreach (var outside in _dag.Of(source).Reads.Where(w => _dag.ProducerOf(w.Dataset) is null))
                foreach (var arrival in late.Where(a => a.Dataset == outside.Dataset))
                    for (var k = outside.From; k <= outside.To; k++)
                    {
                        var ingest = arrival.Date.AddDays(-k);
                        if (Find(window.Dataset, ingest) is { } read && read.WrittenAt >= arrival.At) continue;
                        var awaits = Name(window.Dataset, ingest);
                        yield return new InputChange($"{arrival.Events} late stream events of {p.Date:yyyy-MM-dd} in " +
                            $"{Name(arrival.Dataset, arrival.Date)}, counted once {awaits} is ingested",
                            window.Dataset, ingest, arrival.At, awaits);
                    }
        }
    }

    private static string Name(string dataset, DateOnly date) => $"{dataset} {date:yyyy-MM-dd}";
}
