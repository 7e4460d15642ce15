using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// <c>silver/events</c> of D → <c>gold/student_courses/date=D</c>: one small row per student, so that scoring reads four
/// weeks of courses without reading four weeks of events.
/// </summary>
public sealed class CoursesStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var key = Dataset.SilverEvents.PartKey(date);
        var input = await store.StatAsync(key, ct)
            ?? throw new MissingInputException($"No silver events for {date:yyyy-MM-dd} at {store.Describe(key)}: run clean first.");
        IReadOnlyList<SilverEventRow> events;
        await using (var stream = await store.OpenReadAsync(key, ct)) events = SilverEventsFileReader.ReadAll(stream, store.Describe(key));
        var rows = events.GroupBy(e => e.StudentHash, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, string.Join(';', g.Select(e => e.CourseId).OfType<string>().Distinct().Order(StringComparer.Ordinal))))
            .ToList();
        var output = await store.WriteAsync(Dataset.StudentCourses.PartKey(date), (stream, _) =>
        {
            StudentCoursesTable.Write(stream, rows, settings.Parquet);
            return Task.CompletedTask;
        }, ct);
        progress?.Report(1);
        logger.LogInformation("courses {Date:yyyy-MM-dd}: {Events} events → {Students} students", date, events.Count, rows.Count);
        return new StepResult
        {
            Step = CoursesDescriptor.StepName, Date = date, RowsRead = events.Count, RowsWritten = rows.Count, Inputs = [input],
            Outputs = [output], Duration = clock.Elapsed,
        };
    }
}
