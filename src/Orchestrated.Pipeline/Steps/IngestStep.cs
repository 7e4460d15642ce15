using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Quality;
using Orchestrated.Domain.Ingest;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// raw JSON of an arrival date → bronze Parquet of that date, plus the quarantine of every line that is not an
/// event (with its file, line and reason). Files are read in name order and lines in order, so "first seen"
/// is well defined downstream. Commit order: quarantine, then the event-date index, then bronze: a run killed
/// midway leaves the previous bronze partition in place, and a re-run rewrites all three.
/// </summary>
public sealed class IngestStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var rawPrefix = Dataset.Raw.PartitionPrefix(date);
        var listed = await store.ListAsync(rawPrefix, ct);
        var files = listed.Where(o => RawFileFormat.IsEventFile(o.Key)).ToList();
        if (files.Count == 0)
            throw new MissingInputException(listed.Count == 0
                ? $"No raw events for {date:yyyy-MM-dd}: nothing under {store.Describe(rawPrefix)}."
                : $"No raw event files for {date:yyyy-MM-dd} under {store.Describe(rawPrefix)}: expected .json, " +
                    $".jsonl or .ndjson (optionally .gz), found {string.Join(", ", listed.Select(o => o.Key[rawPrefix.Length..]))}.");

        var quarantineKey = Dataset.Quarantine.PartKey(date);
        var bronzeKey = Dataset.Bronze.PartKey(date);
        ArrivalIngest? run = null;
        StoredObject? quarantineObject = null;
        // Bronze and quarantine are written side by side as the files are read; the quarantine commits first,
        // then the event-date index, then bronze.
        var bronzeObject = await store.WriteAsync(bronzeKey, async (bronzeStream, token) =>
        {
            var writer = new BronzeFileWriter(bronzeStream, settings.Parquet);
            using var bronze = new BronzeRowGroups(writer, settings.Parquet.RowGroupSize);
            quarantineObject = await store.WriteAsync(quarantineKey, async (quarantineStream, t) =>
            {
                await using var quarantine = await QuarantineFileWriter.CreateAsync(quarantineStream, settings.Parquet, t);
                run = new ArrivalIngest(date, settings.Limits(), bronze, new QuarantineRows(quarantine));
                await ReadFilesAsync(run, files, rawPrefix, progress, t);
                bronze.FlushAll();
                await quarantine.CompleteAsync();
            }, token);
            DataQualityException.ThrowIfAnyHardFailed(run!.Quality()); // before bronze is committed
            foreach (var eventDate in run.EventDates)
                await store.WriteAsync(BronzeIndex.MarkerKey(eventDate, date), static (_, _) => Task.CompletedTask, token);
            writer.Complete();
        }, ct);

        var ingest = run!;
        var skipped = listed.Count - files.Count;
        var anomalies = new Dictionary<string, long>
        {
            ["blank_lines"] = ingest.BlankLines,
            ["skipped_files"] = skipped,
            ["empty_files"] = ingest.EmptyFiles,
            ["unreadable_file_tails"] = ingest.UnreadableTails,
        };
        logger.LogInformation("ingest {Date:yyyy-MM-dd}: {Files} files, {Records} records, {Accepted} to bronze, {Quarantined} quarantined",
            date, files.Count, ingest.Records, ingest.Accepted, ingest.QuarantinedTotal);
        return new StepResult
        {
            Step = IngestDescriptor.StepName,
            Date = date,
            RowsRead = ingest.Records,
            RowsWritten = ingest.Accepted,
            Quarantined = ingest.QuarantineCounts(),
            Inputs = files,
            Outputs = [bronzeObject, quarantineObject!],
            OutputRows = new Dictionary<string, long> { [bronzeKey] = ingest.Accepted, [quarantineKey] = ingest.QuarantinedTotal },
            ContentDates = ingest.EventDates.Order().ToList(),
            DataQuality = ingest.Quality(),
            Anomalies = anomalies,
            Duration = clock.Elapsed,
        };
    }

    /// <summary>The files in name order, each read once, reporting progress by stored bytes.</summary>
    private async Task ReadFilesAsync(ArrivalIngest run, IReadOnlyList<StoredObject> files, string rawPrefix,
        IProgress<double>? progress, CancellationToken ct)
    {
        var totalBytes = files.Sum(f => f.Size);
        long bytesDone = 0;
        foreach (var file in files)
        {
            await using (var stored = await store.OpenReadAsync(file.Key, ct))
                await run.ReadFileAsync(file.Key[rawPrefix.Length..], file.Size, stored, ct);
            bytesDone += file.Size;
            progress?.Report(totalBytes == 0 ? 1 : (double)bytesDone / totalBytes);
        }
    }
}
