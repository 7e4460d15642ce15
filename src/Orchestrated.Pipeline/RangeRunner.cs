using Orchestrated.Pipeline.Steps;

namespace Orchestrated.Pipeline;

/// <summary>
/// Runs steps over a range of dates, step by step: every date is ingested before any is cleaned, and so on,
/// because cleaning a date reads later arrivals (late events) and sessionizing reads the neighbouring days.
/// Dates within a step run in parallel.
/// </summary>
public sealed class RangeRunner(PipelineSteps steps)
{
    public async Task<IReadOnlyList<StepResult>> RunAsync(IReadOnlyList<DateOnly> dates, IReadOnlyList<string> stepNames, int parallelism,
        Action<string, DateOnly, double>? onProgress = null, Action<string, TimeSpan>? onStepFinished = null,
        CancellationToken ct = default)
    {
        var results = new List<StepResult>();
        foreach (var step in stepNames)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var stepResults = new StepResult[dates.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, dates.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct },
                async (i, token) =>
                {
                    var progress = onProgress is null ? null : new Progress<double>(p => onProgress(step, dates[i], p));
                    stepResults[i] = await steps.RunAsync(step, dates[i], progress, token);
                    onProgress?.Invoke(step, dates[i], 1);
                });
            results.AddRange(stepResults);
            onStepFinished?.Invoke(step, clock.Elapsed);
        }
        return results;
    }

    public static IReadOnlyList<DateOnly> Dates(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException($"--to {to:yyyy-MM-dd} is before --date {from:yyyy-MM-dd}.");
        return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
    }
}
