using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Contracts;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Reports;

/// <summary>
/// For each dataset and date: which try wrote it, from which inputs (key, version, size), with what counts and
/// quality. A partition is stale when an input it read has been rewritten since — a late event re-ingested, the
/// day before re-run (sessions cross midnight) — so the ledger, not a person, knows what to recompute.
/// </summary>
public sealed class PartitionLedger(TimeProvider clock)
{
    public async Task RecordAsync(MetadataDb db, DagRunRecord run, TaskInstanceRecord task, TaskTryRecord attempt, StepReport report, CancellationToken ct)
    {
        var inputs = report.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        var fingerprint = Fingerprint(inputs);
        var qualityPassed = report.DataQuality.All(q => q.Passed || !q.Hard);
        foreach (var output in report.Outputs)
        {
            if (PartitionKey.Parse(output.Key) is not { } partition) continue;
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
            record.RowsWritten = report.RowsWritten;
            record.QualityPassed = qualityPassed;
            record.WrittenAt = clock.GetUtcNow().UtcDateTime;
        }
    }

    public static string Fingerprint(IEnumerable<ObjectVersion> inputs)
    {
        var text = new StringBuilder();
        foreach (var i in inputs.OrderBy(i => i.Key, StringComparer.Ordinal)) text.Append(i.Key).Append('\t').Append(i.Version).Append('\t').Append(i.Size).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Inputs of <paramref name="record"/> whose current version (per the ledger) differs from the one it read.</summary>
    public static async Task<IReadOnlyList<string>> ChangedInputsAsync(MetadataDb db, PartitionRecord record, CancellationToken ct)
    {
        var inputs = JsonSerializer.Deserialize<List<ObjectVersion>>(record.InputsJson) ?? [];
        var keys = inputs.Select(i => i.Key).ToList();
        var current = await db.Partitions.AsNoTracking().Where(p => keys.Contains(p.ObjectKey)).ToDictionaryAsync(p => p.ObjectKey, p => p.ObjectVersion, ct);
        return inputs.Where(i => current.TryGetValue(i.Key, out var version) && version != i.Version).Select(i => i.Key).ToList();
    }
}

/// <summary>Which dataset and date an object key belongs to: <c>silver/sessions/date=2026-03-02/part-00000.parquet</c>.</summary>
public sealed record PartitionKey(string Dataset, DateOnly Date)
{
    public static PartitionKey? Parse(string key)
    {
        foreach (var dataset in Orchestrated.Storage.Layout.Dataset.Written)
        {
            if (!key.StartsWith(dataset.Prefix + "/date=", StringComparison.Ordinal)) continue;
            var dateText = key.AsSpan(dataset.Prefix.Length + 6, 10);
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", out var date)) return new PartitionKey(dataset.Name, date);
        }
        return null;
    }
}
