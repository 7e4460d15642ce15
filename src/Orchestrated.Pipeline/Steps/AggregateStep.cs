using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Quality;
using Orchestrated.Domain.Stats;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary><c>silver/sessions</c> of a date → <c>gold/session_daily_stats</c>: one row per student.</summary>
public sealed class AggregateStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var key = Dataset.Sessions.PartKey(date);
        var input = await store.StatAsync(key, ct)
            ?? throw new MissingInputException($"No sessions for {date:yyyy-MM-dd} at {store.Describe(key)}: " +
                "run sessionize for that date first.");
        IReadOnlyList<Domain.Sessions.SessionRow> sessions;
        await using (var stream = await store.OpenReadAsync(key, ct))
            sessions = SessionsTable.Read(stream, store.Describe(key));

        var stats = DailyStatsRow.Aggregate(sessions);
        var quality = new List<DataQualityResult>
        {
            DataQualityResult.HardCheck("every_session_counted", Math.Abs(stats.Sum(s => (long)s.TotalSessions) - sessions.Count),
                "total_sessions does not add up to the sessions of the date"),
            DataQualityResult.HardCheck("time_spent_matches_sessions",
                Math.Abs(stats.Sum(s => s.TotalTimeSpentSec) - sessions.Sum(s => s.SessionDurationSec)),
                "total_time_spent_sec does not add up to the sessions' durations"),
        };
        DataQualityException.ThrowIfAnyHardFailed(quality);
        var output = await store.WriteAsync(Dataset.DailyStats.PartKey(date),
            (stream, _) =>
            {
                DailyStatsTable.Write(stream, stats, settings.Parquet);
                return Task.CompletedTask;
            }, ct);
        progress?.Report(1);
        logger.LogInformation("aggregate {Date:yyyy-MM-dd}: {Sessions} sessions → {Students} students", date, sessions.Count, stats.Count);
        return new StepResult
        {
            Step = AggregateDescriptor.StepName,
            Date = date,
            RowsRead = sessions.Count,
            RowsWritten = stats.Count,
            Inputs = [input],
            Outputs = [output],
            DataQuality = quality,
            Duration = clock.Elapsed,
        };
    }
}
