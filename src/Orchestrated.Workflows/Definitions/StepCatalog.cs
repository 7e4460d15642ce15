using System.Globalization;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Workflows.Definitions;

public enum ParamKind { Duration, Boolean, Integer }

public sealed record ParamSpec(string Name, ParamKind Kind, string Description, long? Min = null, long? Max = null, string? Default = null);

/// <summary>What a step's partition mapping depends on: the task's params (with a run's overrides) and the DAG's settings.</summary>
public sealed record PartitionContext(IReadOnlyDictionary<string, string> Params, int LateArrivalDays);

public sealed record StepType(string Name, string Description, IReadOnlyList<ParamSpec> Params, Func<PartitionContext, TaskPartitions> Partitions)
{
    /// <summary>A param's value for a task: its own, else the step's default.</summary>
    public string? Value(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) ? value : Params.FirstOrDefault(p => p.Name == name)?.Default;
}

/// <summary>The step types a DAG may use and the parameters each accepts: what validation checks a definition against.</summary>
public sealed class StepCatalog(IEnumerable<StepType> steps)
{
    private readonly Dictionary<string, StepType> _steps = steps.ToDictionary(s => s.Name);

    public IReadOnlyCollection<StepType> Steps => _steps.Values;

    public StepType? Find(string name) => _steps.GetValueOrDefault(name);

    /// <summary>The pipeline's four steps. Names match <c>Orchestrated.Pipeline.Steps.StepNames</c> (a test holds them together).</summary>
    public static StepCatalog Pipeline { get; } = new(
    [
        new StepType("ingest", "Raw JSON events of an arrival date → bronze Parquet; malformed lines quarantined.",
            [new ParamSpec("max_record_bytes", ParamKind.Integer, "A raw line longer than this is quarantined unread.", 1024, 1L << 30)],
            _ => new TaskPartitions([Datasets.Bronze, Datasets.Quarantine], [new PartitionWindow(Datasets.Raw, 0, 0, WindowUse.Every)])),
        new StepType("clean", "Bronze → silver events of an event date: hashed students, normalised fields, duplicates dropped.", [],
            // Events of D arrive up to late_arrival_days later; and since the contract accepts an event up to 24 h after
            // the end of its arrival day, arrival D-1 can hold events of D too (and D-2 those at D's very first instant).
            c => new TaskPartitions([Datasets.SilverEvents], [new PartitionWindow(Datasets.Bronze, -2, c.LateArrivalDays, WindowUse.Every)])),
        new StepType("sessionize", "Silver events of a date and its neighbours → the sessions the date owns.",
        [
            new ParamSpec("inactivity_gap", ParamKind.Duration, "A pause longer than this ends a session.", Default: "30m"),
            new ParamSpec("max_session_duration", ParamKind.Duration, "A session is cut when it reaches this length.", Default: "1d"),
            new ParamSpec("split_on_device", ParamKind.Boolean, "A student's events on different devices form separate sessions.", Default: "true"),
            new ParamSpec("split_on_browser", ParamKind.Boolean, "Separate sessions per browser.", Default: "false"),
            new ParamSpec("split_on_network", ParamKind.Boolean, "Separate sessions per network.", Default: "false"),
            new ParamSpec("max_lookback_days", ParamKind.Integer, "How far back to look for the start of a session open at midnight.", 1, 366, Default: "31"),
        ], SessionizePartitions),
        new StepType("aggregate", "Sessions of a date → gold daily statistics per student.", [],
            _ => new TaskPartitions([Datasets.DailyStats], [new PartitionWindow(Datasets.Sessions, 0, 0, WindowUse.Every)])),
        new StepType(NoOp, "Does nothing and succeeds: for measuring orchestration overhead and trying out a DAG's wiring.", [],
            _ => TaskPartitions.None),
    ]);

    public const string NoOp = "noop";

    /// <summary>
    /// Sessions of D start on D and last at most the cap, so they are followed at most ceil(cap / 1 day) days ahead;
    /// a session open at D's midnight may have begun up to max_lookback_days before. Which of these days a date
    /// actually reads depends on its data: the step names them in its report.
    /// </summary>
    private static TaskPartitions SessionizePartitions(PartitionContext c)
    {
        var sessionize = Pipeline.Find("sessionize")!;
        var cap = Duration.Parse(sessionize.Value(c.Params, "max_session_duration")!);
        var ahead = (int)Math.Max(1, Math.Ceiling(cap / TimeSpan.FromDays(1)));
        var back = int.Parse(sessionize.Value(c.Params, "max_lookback_days")!, CultureInfo.InvariantCulture);
        return new TaskPartitions([Datasets.Sessions], [new PartitionWindow(Datasets.SilverEvents, -back, ahead, WindowUse.AsReported)]);
    }
}
