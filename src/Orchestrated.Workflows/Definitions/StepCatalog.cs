namespace Orchestrated.Workflows.Definitions;

public enum ParamKind { Duration, Boolean, Integer }

public sealed record ParamSpec(string Name, ParamKind Kind, string Description, long? Min = null, long? Max = null);

public sealed record StepType(string Name, string Description, IReadOnlyList<ParamSpec> Params);

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
            [new ParamSpec("max_record_bytes", ParamKind.Integer, "A raw line longer than this is quarantined unread.", 1024, 1L << 30)]),
        new StepType("clean", "Bronze → silver events of an event date: hashed students, normalised fields, duplicates dropped.", []),
        new StepType("sessionize", "Silver events of a date and its neighbours → the sessions the date owns.",
        [
            new ParamSpec("inactivity_gap", ParamKind.Duration, "A pause longer than this ends a session."),
            new ParamSpec("max_session_duration", ParamKind.Duration, "A session is cut when it reaches this length."),
            new ParamSpec("split_on_device", ParamKind.Boolean, "A student's events on different devices form separate sessions."),
            new ParamSpec("split_on_browser", ParamKind.Boolean, "Separate sessions per browser."),
            new ParamSpec("split_on_network", ParamKind.Boolean, "Separate sessions per network."),
            new ParamSpec("max_lookback_days", ParamKind.Integer, "How far back to look for the start of a session open at midnight.", 1, 366),
        ]),
        new StepType("aggregate", "Sessions of a date → gold daily statistics per student.", []),
        new StepType(NoOp, "Does nothing and succeeds: for measuring orchestration overhead and trying out a DAG's wiring.", []),
    ]);

    public const string NoOp = "noop";
}
