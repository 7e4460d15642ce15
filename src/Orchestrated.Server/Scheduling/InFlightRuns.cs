using Orchestrated.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// The queued and running runs, loaded once for a pass: what their tasks will still write (the producers a task of
/// another date may have to wait for), and the slots of each pool of runs — a DAG's own runs under max_active_runs,
/// a backfill's under its concurrency. A running run holds a slot while it has work on its way; one whose next
/// tasks all wait for other runs gives it up (<see cref="RunSlot"/>) and takes one again, before any queued run
/// starts, once what it waits for is written.
/// </summary>
public sealed class InFlightRuns
{
    private sealed class Pool(int limit)
    {
        public int Limit { get; } = limit;
        public int Working { get; set; }
        public int Ready { get; set; }
    }

    private readonly Dictionary<string, List<Producer>> _producers = [];
    private readonly Dictionary<long, (Pool Pool, bool Working)> _running = [];
    private readonly Dictionary<(string, long?), Pool> _pools = [];

    private InFlightRuns() { }

    public IReadOnlyList<Producer> ProducersOf(string dagId) => _producers.GetValueOrDefault(dagId) ?? [];

    /// <summary>Whether a queued run starts (<see cref="RunAdmission"/>); if it does, it holds a slot of its pool from now on.</summary>
    public Admission TryStart(DagRunRecord run, bool dagPaused, bool dateRunning, int limit)
    {
        var pool = PoolOf(run.DagId, run.BackfillId, limit);
        var admission = RunAdmission.Decide(dagPaused, run.BackfillId is not null, dateRunning, pool.Working, pool.Ready, pool.Limit);
        if (admission != Admission.Start) return admission;
        pool.Working++;
        _running[run.Id] = (pool, true);
        return admission;
    }

    /// <summary>A running run may dispatch a task when it already works or its pool has a free slot (which it then holds).</summary>
    public bool TryWork(long runId)
    {
        if (!_running.TryGetValue(runId, out var run)) return true;
        if (run.Working) return true;
        if (run.Pool.Working >= run.Pool.Limit) return false;
        run.Pool.Working++;
        _running[runId] = (run.Pool, true);
        return true;
    }

    public string Describe(long runId) =>
        _running.TryGetValue(runId, out var run) ? $"a free slot ({run.Pool.Working} of {run.Pool.Limit} runs at work)" : "a free slot";

    private Pool PoolOf(string dagId, long? backfillId, int limit) =>
        _pools.TryGetValue((dagId, backfillId), out var pool) ? pool : _pools[(dagId, backfillId)] = new Pool(limit);

    public static async Task<InFlightRuns> LoadAsync(MetadataDb db, DagCatalog dags, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.State == RunState.Queued || r.State == RunState.Running).ToListAsync(ct);
        var running = runs.Where(r => r.State == RunState.Running).Select(r => r.Id).ToList();
        var tasks = running.Count == 0 ? [] : await db.TaskInstances.AsNoTracking().Where(t => running.Contains(t.RunId))
            .Select(t => new { t.RunId, t.TaskId, t.State }).ToListAsync(ct);
        var byRun = tasks.GroupBy(t => t.RunId).ToDictionary(g => g.Key, g => g.ToList());
        var dagRecords = await db.Dags.AsNoTracking().ToDictionaryAsync(d => d.DagId, ct);
        var backfillIds = runs.Where(r => r.BackfillId != null).Select(r => r.BackfillId!.Value).Distinct().ToList();
        var backfills = await db.Backfills.AsNoTracking().Where(b => backfillIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => b.MaxConcurrentRuns, ct);
        var inFlight = new InFlightRuns();

        foreach (var run in runs)
        {
            var producers = inFlight._producers.TryGetValue(run.DagId, out var list) ? list : inFlight._producers[run.DagId] = [];
            if (run.State == RunState.Running)
                producers.AddRange((byRun.GetValueOrDefault(run.Id) ?? [])
                    .Select(t => new Producer(run.Id, run.LogicalDate, t.TaskId, t.State.IsFinished())));
            else if (run.BackfillId is not null || dagRecords.GetValueOrDefault(run.DagId) is { Paused: false })
            {
                // A queued run will write what its selected tasks write; one of a paused DAG will not start until unpaused.
                DagVersion dag;
                try { dag = await dags.GetAsync(run.DagId, run.DagVersion, ct); }
                catch (DagDefinitionException) { continue; } // a version that no longer loads cannot start: it writes nothing
                producers.AddRange(RunSelection.Tasks(dag.Definition, run.SelectedTasks)
                    .Select(t => new Producer(run.Id, run.LogicalDate, t, Finished: false)));
            }
        }

        foreach (var run in runs.Where(r => r.State == RunState.Running))
        {
            var limit = run.BackfillId is { } b ? backfills.GetValueOrDefault(b, 1)
                : dagRecords.TryGetValue(run.DagId, out var record)
                    ? (await dags.GetAsync(run.DagId, record.CurrentVersion, ct)).Definition.MaxActiveRuns
                    : 1;
            var pool = inFlight.PoolOf(run.DagId, run.BackfillId, limit);
            var own = byRun.GetValueOrDefault(run.Id) ?? [];
            var working = RunSlot.Holds(own.Select(t => t.State));
            inFlight._running[run.Id] = (pool, working);
            if (working) pool.Working++;
            else if (await ReadyAgainAsync(dags, run, own.Where(t => t.State == TaskState.Waiting).Select(t => t.TaskId), inFlight, ct))
                pool.Ready++;
        }
        return inFlight;
    }

    /// <summary>Whether a waiting run has a task no longer blocked by another run: it will want its slot back this pass.</summary>
    private static async Task<bool> ReadyAgainAsync(DagCatalog dags, DagRunRecord run, IEnumerable<string> waiting, InFlightRuns inFlight,
        CancellationToken ct)
    {
        var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
        foreach (var taskId in waiting)
        {
            var definition = dag.Definition.Task(taskId);
            var reads = dag.Partitions.Of(definition, RunParams.For(definition, run.ParamsJson));
            var blockers = CrossDateWait.BlockersOf(dag.Partitions, reads, run.Id, run.LogicalDate, inFlight.ProducersOf(run.DagId));
            if (blockers.Count == 0) return true;
        }
        return false;
    }
}
