using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Live;
using Orchestrated.Domain.Quality;
using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// A closed day's <c>silver/sessions_live</c> against its <c>silver/sessions</c> → <c>gold/live_reconciliation</c>, one
/// row per session they disagree on, and a soft check that fails when a difference is not explained by late events
/// (those of the student on the day, or the day before or after, in <c>late/events</c>). A day the stream did not see
/// (no live sessions) is not compared.
/// </summary>
public sealed class ReconcileStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var key = Dataset.Sessions.PartKey(date);
        var input = await store.StatAsync(key, ct)
            ?? throw new MissingInputException($"No sessions for {date:yyyy-MM-dd} at {store.Describe(key)}: " +
                "run sessionize for that date first.");
        var inputs = new List<StoredObject> { input };
        List<SessionRow> batch;
        await using (var stream = await store.OpenReadAsync(key, ct)) batch = SessionsTable.Read(stream, store.Describe(key)).ToList();
        var live = new List<SessionRow>();
        foreach (var file in (await store.ListAsync(Dataset.SessionsLive.PartitionPrefix(date), ct)).Where(f => f.Key.EndsWith(".parquet")))
        {
            inputs.Add(file);
            await using var stream = await store.OpenReadAsync(file.Key, ct);
            live.AddRange(SessionsTable.Read(stream, store.Describe(file.Key)));
        }
        var late = await LateStudentsAsync(date, inputs, ct);

        var streamed = live.Count > 0;
        var result = streamed ? LiveReconciler.Compare(batch, live, late) : new Reconciliation(batch.Count, 0, 0, []);
        var quality = new List<DataQualityResult>
        {
            DataQualityResult.Anomaly("live_matches_batch", result.Unexplained,
                $"{result.Unexplained} sessions differ between live and batch without late events to explain it " +
                $"(see {Dataset.LiveReconciliation.PartKey(date)})"),
        };
        var output = await store.WriteAsync(Dataset.LiveReconciliation.PartKey(date),
            (stream, _) =>
            {
                ReconciliationTable.Write(stream, result.Differences, settings.Parquet);
                return Task.CompletedTask;
            }, ct);
        progress?.Report(1);
        logger.LogInformation(
            "reconcile {Date:yyyy-MM-dd}: {Batch} batch, {Live} live sessions, {Matched} alike, {Differences} differ " +
            "({Unexplained} unexplained)",
            date, result.BatchSessions, result.LiveSessions, result.Matched, result.Differences.Count, result.Unexplained);
        return new StepResult
        {
            Step = ReconcileDescriptor.StepName,
            Date = date,
            RowsRead = batch.Count + live.Count,
            RowsWritten = result.Differences.Count,
            Inputs = inputs,
            Outputs = [output],
            DataQuality = quality,
            Anomalies = new Dictionary<string, long>
            {
                ["batch_sessions"] = result.BatchSessions, ["live_sessions"] = result.LiveSessions, ["matched"] = result.Matched,
                ["differences"] = result.Differences.Count, ["explained_by_late"] = result.Differences.Count - result.Unexplained,
            },
            Warnings = streamed ? [] : [$"no live sessions for {date:yyyy-MM-dd}: the stream did not see this day, nothing compared"],
            Duration = clock.Elapsed,
        };
    }

    /// <summary>The hashes of the students with late events on the day or next to it (a session may cross midnight).</summary>
    private async Task<HashSet<string>> LateStudentsAsync(DateOnly date, List<StoredObject> inputs, CancellationToken ct)
    {
        using var hasher = new StudentHasher(settings.HashKeyBytes());
        var parser = new RawEventParser(long.MaxValue);
        var parsed = new RawEvent();
        var students = new HashSet<string>(StringComparer.Ordinal);
        for (var d = date.AddDays(-1); d <= date.AddDays(1); d = d.AddDays(1))
            foreach (var file in await store.ListAsync(Dataset.LateEvents.PartitionPrefix(d), ct))
            {
                inputs.Add(file);
                await using var stream = await store.OpenReadAsync(file.Key, ct);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(ct) is { } line)
                    if (line.Length > 0 && parser.Parse(System.Text.Encoding.UTF8.GetBytes(line), parsed).IsAccepted)
                        students.Add(hasher.Hash(System.Text.Encoding.UTF8.GetString(parsed.StudentId!.Value.Span)));
            }
        return students;
    }
}
