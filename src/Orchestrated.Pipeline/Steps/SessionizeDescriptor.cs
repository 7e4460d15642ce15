using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class SessionizeDescriptor : StepDescriptor
{
    public const string StepName = "sessionize";

    public override string Name => StepName;
    public override string Description => "Silver events of a date and its neighbours → the sessions the date owns.";

    public override IReadOnlyList<StepParam> Params { get; } =
    [
        StepParam.Duration("inactivity_gap", "A pause longer than this ends a session.",
            s => s.InactivityGap, (s, v) => s with { InactivityGap = v }),
        StepParam.Duration("max_session_duration", "A session is cut when it reaches this length.",
            s => s.MaxSessionDuration, (s, v) => s with { MaxSessionDuration = v }),
        StepParam.Boolean("split_on_device", "A student's events on different devices form separate sessions.",
            s => s.SplitOnDevice, (s, v) => s with { SplitOnDevice = v }),
        StepParam.Boolean("split_on_browser", "Separate sessions per browser.",
            s => s.SplitOnBrowser, (s, v) => s with { SplitOnBrowser = v }),
        StepParam.Boolean("split_on_network", "Separate sessions per network.",
            s => s.SplitOnNetwork, (s, v) => s with { SplitOnNetwork = v }),
        StepParam.Integer("max_lookback_days", "How far back to look for the start of a session open at midnight.", 1, 366,
            s => s.MaxLookbackDays, (s, v) => s with { MaxLookbackDays = v }),
    ];

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.Sessions];

    /// <summary>
    /// Sessions of D start on D and last at most the cap, so they are followed at most ceil(cap / 1 day) days ahead;
    /// a session open at D's midnight may have begun up to max_lookback_days before. Which of these days a date
    /// actually reads depends on its data: the step names them in its report.
    /// </summary>
    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays)
    {
        var ahead = (int)Math.Max(1, Math.Ceiling(settings.MaxSessionDuration / TimeSpan.FromDays(1)));
        return [new PartitionWindow(Dataset.SilverEvents.Name, -settings.MaxLookbackDays, ahead, WindowUse.AsReported)];
    }

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new SessionizeStep(c.Store, c.Settings, c.Loggers.CreateLogger<SessionizeStep>()).RunAsync(date, progress, ct);
}
