using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Quality;
using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Parquet;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// <c>silver/events</c> of a date and the neighbouring days it needs → <c>silver/sessions</c> owned by the date
/// (sessions that start on it). A hard data-quality failure stops the step before anything is written.
/// </summary>
public sealed class SessionizeStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var rules = settings.Rules();
        var source = new SilverDaySource(store, rules);
        if (!await source.HasDayAsync(date, ct))
            throw new MissingInputException($"No clean events for {date:yyyy-MM-dd} at " +
                $"{store.Describe(Dataset.SilverEvents.PartKey(date))}: run clean for that date first.");

        var day = await new DaySessionizer(rules, source, settings.MaxLookbackDays).RunAsync(date, ct);
        progress?.Report(0.8);
        DataQualityException.ThrowIfAnyHardFailed(day.Quality);
        var output = await store.WriteAsync(Dataset.Sessions.PartKey(date),
            (stream, _) =>
            {
                SessionsTable.Write(stream, day.Sessions, settings.Parquet);
                return Task.CompletedTask;
            }, ct);
        progress?.Report(1);

        var s = day.Stats;
        logger.LogInformation("sessionize {Date:yyyy-MM-dd}: {Events} events → {Sessions} sessions ({Capped} capped, " +
            "{Open} open at the data edge)",
            date, s.EventsOfDay, day.Sessions.Count, s.CappedSessions, s.SessionsOpenAtDataEdge);
        var warnings = new List<string>();
        if (s.PreviousDayMissing)
            warnings.Add($"No clean events for {date.AddDays(-1):yyyy-MM-dd}: sessions are computed as if the history starts on " +
                $"{date:yyyy-MM-dd}.");
        if (s.SessionsOpenAtDataEdge > 0)
            warnings.Add($"{s.SessionsOpenAtDataEdge} sessions were still open where the data ends; " +
                $"they may grow when {date.AddDays(1):yyyy-MM-dd} arrives.");
        return new StepResult
        {
            Step = SessionizeDescriptor.StepName,
            Date = date,
            RowsRead = s.EventsOfDay,
            RowsWritten = day.Sessions.Count,
            Inputs = source.Probed,
            Outputs = [output],
            DataQuality = day.Quality,
            Anomalies = new Dictionary<string, long>
            {
                ["capped_sessions"] = s.CappedSessions,
                ["sessions_open_at_data_edge"] = s.SessionsOpenAtDataEdge,
                ["sessions_with_uncertain_start"] = s.SessionsWithUncertainStart,
                ["events_continuing_previous_day"] = s.EventsContinuingEarlierSessions,
                ["events_read_ahead"] = s.EventsReadAheadIntoOwnedSessions,
                ["days_read_back"] = s.DaysReadBack,
            },
            Warnings = warnings,
            Duration = clock.Elapsed,
        };
    }
}
