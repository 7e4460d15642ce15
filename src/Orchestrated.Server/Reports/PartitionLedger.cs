using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Contracts;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Server.Reports;

/// <summary>
/// For each dataset and date: which try wrote it, from which inputs (key, version, size), with what counts and
/// quality. A partition is stale when an input it read has been rewritten since — a late event re-ingested, the
/// day before re-run (sessions cross midnight), late stream events put in the raw zone — so the ledger, not a person,
/// knows what to recompute.
/// </summary>
public sealed class PartitionLedger(StepRegistry steps, TimeProvider clock)
{
    public async Task RecordAsync(MetadataDb db, DagRunRecord run, TaskInstanceRecord task, TaskTryRecord attempt, StepReport report,
        CancellationToken ct)
    {
        var inputs = report.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        var fingerprint = Fingerprint(inputs);
        var qualityPassed = report.DataQuality.All(q => q.Passed || !q.Hard);
        foreach (var output in report.Outputs)
        {
            if (PartitionKey.Parse(output.Key, steps.Datasets) is not { } partition) continue;
            var record = await db.Partitions.FindAsync([partition.Dataset, partition.Date], ct);
            if (record is null)
            {
                record = new PartitionRecord
                {
                    Dataset = partition.Dataset, Date = partition.Date, ObjectKey = output.Key, ObjectVersion = output.Version,
                    DagId = run.DagId, TaskId = task.TaskId, InputFingerprint = fingerprint, InputsJson = "[]",
                };
                db.Partitions.Add(record);
            }
            record.ObjectKey = output.Key;
            record.ObjectVersion = output.Version;
            record.Size = output.Size;
            record.DagId = run.DagId;
            record.TaskId = task.TaskId;
            record.TryId = attempt.Id;
            record.RunId = run.Id;
            record.InputFingerprint = fingerprint;
            record.InputsJson = JsonSerializer.Serialize(inputs);
            // The dates a step's main output holds (bronze, keyed by arrival); its quarantine beside it is read by no step.
            record.ContentDates = output.Key == report.Outputs[0].Key && report.ContentDates.Count > 0
                ? string.Join(',', report.ContentDates.Select(d => d.ToString("yyyy-MM-dd")))
                : null;
            record.RowsWritten = report.OutputRows.TryGetValue(output.Key, out var rows) ? rows : report.RowsWritten;
            record.QualityPassed = qualityPassed;
            record.WrittenAt = clock.GetUtcNow().UtcDateTime;
        }
    }

    public static string Fingerprint(IEnumerable<ObjectVersion> inputs)
    {
        var text = new StringBuilder();
        foreach (var i in inputs.OrderBy(i => i.Key, StringComparer.Ordinal))
            text.Append(i.Key).Append('\t').Append(i.Version).Append('\t').Append(i.Size).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// A judge of <paramref name="dag"/>'s partitions from <paramref name="from"/> on, in two queries whatever the number
    /// of partitions: the ledger from as far back as its mappings reach (transitively), with the start of each writing
    /// try, and the DAG's horizon (its earliest run).
    /// </summary>
    public async Task<PartitionJudge> JudgeAsync(MetadataDb db, DagVersion dag, DateOnly from, CancellationToken ct)
    {
        var reach = dag.Definition.Tasks.Sum(t => Math.Max(0, -dag.Partitions.Of(t.Id).Reads.Select(w => w.From).DefaultIfEmpty(0).Min()));
        var since = from.AddDays(-reach - 1);
        var rows = await (from p in db.Partitions.AsNoTracking()
                          where p.DagId == dag.Definition.Id && p.Date >= since
                          join t in db.Tries.AsNoTracking() on p.TryId equals t.Id into tries
                          from t in tries.DefaultIfEmpty()
                          select new { Partition = p, TryStartedAt = t == null ? null : t.StartedAt }).ToListAsync(ct);
        var horizon = await db.Runs.AsNoTracking().Where(r => r.DagId == dag.Definition.Id)
            .Select(r => (DateOnly?)r.LogicalDate).MinAsync(ct);
        var late = await db.LateEvents.AsNoTracking().Where(l => l.Date >= since || l.Arrival >= since)
            .GroupBy(l => new { l.Arrival, l.Date })
            .Select(g => new { g.Key.Arrival, g.Key.Date, Events = g.Sum(l => l.Events), At = g.Max(l => l.RecordedAt) }).ToListAsync(ct);
        return new PartitionJudge(dag.Partitions, rows.Select(r => Entry(r.Partition, r.TryStartedAt)), horizon ?? DateOnly.MaxValue,
            late.Select(l => new LateStreamEvents(Orchestrated.Storage.Layout.Dataset.Raw.Name, l.Arrival, l.Date, l.Events,
                DateTime.SpecifyKind(l.At, DateTimeKind.Utc))));
    }

    private LedgerPartition Entry(PartitionRecord p, DateTime? tryStartedAt) => new(
        p.Dataset, p.Date, p.ObjectKey, p.ObjectVersion, p.TaskId, p.RunId, p.WrittenAt, tryStartedAt, p.QualityPassed, p.RowsWritten,
        (JsonSerializer.Deserialize<List<ObjectVersion>>(p.InputsJson) ?? [])
            .Select(i => PartitionKey.Parse(i.Key, steps.Datasets) is { } k
                ? new LedgerInput(i.Key, i.Version, k.Dataset, k.Date)
                : new LedgerInput(i.Key, i.Version, null, null))
            .ToList(),
        string.IsNullOrEmpty(p.ContentDates) ? [] : p.ContentDates.Split(',').Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd")).ToList());
}
