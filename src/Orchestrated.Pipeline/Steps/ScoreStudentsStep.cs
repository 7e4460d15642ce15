using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// <c>gold/student_features/date=D</c> and the published dropout model → <c>gold/student_risk/date=D</c>: each student's
/// risk, band, the risk scored a week before, and the three features that raised it most, in words. Every row names
/// the model version that made it.
/// </summary>
public sealed class ScoreStudentsStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var key = Dataset.StudentFeatures.PartKey(date);
        var input = await store.StatAsync(key, ct)
            ?? throw new MissingInputException($"No student features for {date:yyyy-MM-dd} at {store.Describe(key)}: run features first.");
        IReadOnlyList<StudentFeatures> features;
        await using (var stream = await store.OpenReadAsync(key, ct))
            features = StudentFeaturesTable.Read(stream, store.Describe(key), date);
        var models = new ModelStore(store);
        var version = await models.PublishedVersionAsync(ModelStore.Dropout, ct)
            ?? throw new MissingInputException(
                "No published dropout model: run the engagement_models DAG (or `orchestrated train`) first.");
        var model = await models.ModelAsync(ModelStore.Dropout, version, ct);
        var inputs = new List<StoredObject> { input };
        var weekAgo = await WeekAgoAsync(date, inputs, ct);
        var courses = await CoursesAsync(date, inputs, ct);

        var risks = model.Probabilities(features);
        var reasons = model.Reasons(features, top: 8);
        var medians = Medians(features);
        var rows = features.Select((f, i) => new StudentRisk(f.StudentHash, Math.Round(risks[i], 4), RiskBand.Of(risks[i]),
            weekAgo.TryGetValue(f.StudentHash, out var before) ? before : null,
            string.Join("; ", reasons[i].Where(r => RiskReasons.IsReason(r.Feature, f[r.Feature], medians[r.Feature])).Take(3)
                .Select(r => RiskReasons.Say(r.Feature, f))), version,
            string.Join(';', (courses.GetValueOrDefault(f.StudentHash) ?? []).Order(StringComparer.Ordinal)))).ToList();
        var output = await store.WriteAsync(Dataset.StudentRisk.PartKey(date), (stream, _) =>
        {
            StudentRiskTable.Write(stream, rows, settings.Parquet);
            return Task.CompletedTask;
        }, ct);
        progress?.Report(1);
        logger.LogInformation("score_students {Date:yyyy-MM-dd}: {Students} students by {Version}, {High} high", date, rows.Count, version,
            rows.Count(r => r.Band == RiskBand.High));
        return new StepResult
        {
            Step = ScoreStudentsDescriptor.StepName, Date = date, RowsRead = features.Count, RowsWritten = rows.Count, Inputs = inputs,
            Outputs = [output], Duration = clock.Elapsed,
        };
    }

    /// <summary>Each feature's median over the date's students: what "worrying" is measured against.</summary>
    private static Dictionary<string, float> Medians(IReadOnlyList<StudentFeatures> features) =>
        StudentFeatures.Names.Select((name, i) => (name, values: features.Select(f => f.Values[i]).Order().ToList()))
            .ToDictionary(x => x.name, x => x.values.Count == 0 ? 0 : x.values[x.values.Count / 2]);

    /// <summary>Each student's courses over the 28 days up to the date, from <c>gold/student_courses</c> where it exists.</summary>
    private async Task<Dictionary<string, HashSet<string>>> CoursesAsync(DateOnly date, List<StoredObject> inputs, CancellationToken ct)
    {
        var courses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var day = FeatureWindow.FirstDate(date); day <= date; day = day.AddDays(1))
        {
            var key = Dataset.StudentCourses.PartKey(day);
            if (await store.StatAsync(key, ct) is not { } stat) continue;
            inputs.Add(stat);
            await using var stream = await store.OpenReadAsync(key, ct);
            foreach (var (student, list) in StudentCoursesTable.Read(stream, store.Describe(key)))
            {
                if (list.Length == 0) continue;
                if (!courses.TryGetValue(student, out var set)) courses[student] = set = new HashSet<string>(StringComparer.Ordinal);
                set.UnionWith(list.Split(';'));
            }
        }
        return courses;
    }

    private async Task<Dictionary<string, double>> WeekAgoAsync(DateOnly date, List<StoredObject> inputs, CancellationToken ct)
    {
        var key = Dataset.StudentRisk.PartKey(date.AddDays(-7));
        if (await store.StatAsync(key, ct) is not { } stat) return [];
        inputs.Add(stat);
        await using var stream = await store.OpenReadAsync(key, ct);
        return StudentRiskTable.Read(stream, store.Describe(key)).ToDictionary(r => r.StudentHash, r => r.Risk, StringComparer.Ordinal);
    }
}
