using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Quality;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// bronze → <c>silver/events</c> of one event date: every bronze row group of that date, from every arrival
/// date that holds one (late events included), in first-seen order (arrival date, file, line); duplicates of an
/// <c>event_id</c> dropped and counted; student ids replaced by their hash; device, page, course and chapter
/// normalised; rows sorted by (ts, event_id) for sessionizing.
/// </summary>
public sealed class CleanStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var ownBronze = await store.StatAsync(Dataset.Bronze.PartKey(date), ct)
            ?? throw new MissingInputException($"No bronze partition for {date:yyyy-MM-dd} at " +
                $"{store.Describe(Dataset.Bronze.PartKey(date))}: run ingest for that date first.");
        var arrivals = await BronzeDaySource.ArrivalsOfAsync(store, date, ct);
        var source = new BronzeDaySource(store, arrivals, ownBronze, progress);

        using var cleaner =
            new DayCleaner(date, settings.HashKeyBytes(), expectedRows: (int)Math.Min(int.MaxValue / 2, ownBronze.Size / 48));
        await cleaner.AddAllAsync(source, ct);
        var quality = cleaner.Quality();
        DataQualityException.ThrowIfAnyHardFailed(quality);
        var order = cleaner.SortedOrder();
        StoredObject output;
        try
        {
            output = await store.WriteAsync(Dataset.SilverEvents.PartKey(date),
                (stream, _) =>
                {
                    SilverEventsFileWriter.Write(stream, cleaner.Rows, order.AsSpan(0, cleaner.Rows.Count), settings.Parquet);
                    return Task.CompletedTask;
                }, ct);
        }
        finally
        {
            ArrayLoans.Return(ref order);
        }
        progress?.Report(1);

        logger.LogInformation("clean {Date:yyyy-MM-dd}: {Read} bronze rows from {Arrivals} arrival dates, {Written} events, " +
            "{Duplicates} duplicates",
            date, cleaner.RowsRead, source.Read.Count, cleaner.Rows.Count, cleaner.Duplicates);
        var warnings = settings.UsesDevelopmentHashKey
            ? new[] { "student_hash uses the built-in development key: set Orchestrated__StudentHashKey before real use." }
            : [];
        return new StepResult
        {
            Step = CleanDescriptor.StepName,
            Date = date,
            RowsRead = cleaner.RowsRead,
            RowsWritten = cleaner.Rows.Count,
            Duplicates = cleaner.Duplicates,
            Inputs = source.Read,
            Outputs = [output],
            DataQuality = quality,
            Anomalies = cleaner.Anomalies(),
            Warnings = warnings,
            Duration = clock.Elapsed,
        };
    }
}
