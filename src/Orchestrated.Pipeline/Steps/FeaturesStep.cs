using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// <c>silver/sessions</c> of D-27 … D → <c>gold/student_features/date=D</c>: every student with a session those days,
/// described only by what was over by the end of D (<see cref="FeatureWindow"/>). The date's own sessions must exist;
/// earlier dates without any (before the data began) are read as none.
/// </summary>
public sealed class FeaturesStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        if (await store.StatAsync(Dataset.Sessions.PartKey(date), ct) is null)
            throw new MissingInputException($"No sessions for {date:yyyy-MM-dd} at {store.Describe(Dataset.Sessions.PartKey(date))}: " +
                "run sessionize for that date first.");
        var inputs = new List<StoredObject>();
        var sessions = new List<SessionRow>();
        for (var day = FeatureWindow.FirstDate(date); day <= date; day = day.AddDays(1))
        {
            var key = Dataset.Sessions.PartKey(day);
            if (await store.StatAsync(key, ct) is not { } input) continue;
            inputs.Add(input);
            await using var stream = await store.OpenReadAsync(key, ct);
            sessions.AddRange(SessionsTable.Read(stream, store.Describe(key)));
        }
        var features = StudentFeatureBuilder.Build(date, sessions, settings.Rules());
        var output = await store.WriteAsync(Dataset.StudentFeatures.PartKey(date), (stream, _) =>
        {
            StudentFeaturesTable.Write(stream, features, settings.Parquet);
            return Task.CompletedTask;
        }, ct);
        progress?.Report(1);
        logger.LogInformation("features {Date:yyyy-MM-dd}: {Sessions} sessions of {Days} dates → {Students} students", date,
            sessions.Count, inputs.Count, features.Count);
        return new StepResult
        {
            Step = FeaturesDescriptor.StepName, Date = date, RowsRead = sessions.Count, RowsWritten = features.Count,
            Inputs = inputs, Outputs = [output], Duration = clock.Elapsed,
        };
    }
}
