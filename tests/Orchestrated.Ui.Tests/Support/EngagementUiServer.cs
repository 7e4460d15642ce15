using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Ui.Tests.Support;

/// <summary>
/// The server over a story sample's batch output with a dropout model and a session anomaly detector trained and
/// published as of <see cref="FirstScored"/>, and the students and sessions scored that day and a week later (so the
/// later scores have a trend).
/// </summary>
public sealed class EngagementUiServer : UiServer
{
    public static readonly DateOnly FirstScored = SampleStart.AddDays(55);
    public static DateOnly LastScored => FirstScored.AddDays(7);

    protected override async Task PrepareStorageAsync()
    {
        var options = new SampleOptions(SampleStart, Days: 63, Students: 150, Seed: 5, EdgeCases: false, TailDays: 1,
            Story: new EngagementStory());
        await StorySample.SessionsAsync(Storage, options, parallelism: 2, CancellationToken.None);
        var steps = new PipelineSteps(new LocalObjectStore(Storage), StepSettings.Defaults, NullLoggerFactory.Instance);
        await steps.RunAsync(TrainDropoutDescriptor.StepName, FirstScored);
        await steps.RunAsync(TrainAnomalyDescriptor.StepName, FirstScored);
        await steps.RunAsync(TrainEarlyWarningDescriptor.StepName, FirstScored);
        for (var date = FirstScored.AddDays(-27); date <= LastScored; date = date.AddDays(1))
            await steps.RunAsync(CoursesDescriptor.StepName, date);
        foreach (var date in new[] { FirstScored, LastScored })
        {
            await steps.RunAsync(FeaturesDescriptor.StepName, date);
            await steps.RunAsync(ScoreStudentsDescriptor.StepName, date);
            await steps.RunAsync(ScoreSessionsDescriptor.StepName, date);
        }
    }
}
