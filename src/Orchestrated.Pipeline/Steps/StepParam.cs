using System.Globalization;
using Orchestrated.Workflows.Definitions;
using Durations = Orchestrated.Workflows.Definitions.Duration;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// A parameter of a step and the setting it binds: its value is applied to <see cref="StepSettings"/> with
/// <c>with</c>, and its default is read from <see cref="StepSettings.Defaults"/>, so what the catalog shows, what
/// DAG validation accepts and what a worker runs with are one definition.
/// </summary>
public sealed class StepParam
{
    private readonly Func<StepSettings, string, StepSettings> _bind;

    private StepParam(ParamSpec spec, Func<StepSettings, string, StepSettings> bind) => (Spec, _bind) = (spec, bind);

    public ParamSpec Spec { get; }
    public string Name => Spec.Name;

    /// <summary>The settings with this param's (normalised) value applied.</summary>
    public StepSettings Bind(StepSettings settings, string value) => _bind(settings, value);

    public static StepParam Duration(string name, string description,
        Func<StepSettings, TimeSpan> get, Func<StepSettings, TimeSpan, StepSettings> set) =>
        new(new ParamSpec(name, ParamKind.Duration, description, Default: Durations.Format(get(StepSettings.Defaults))),
            (s, v) => set(s, Durations.Parse(v)));

    public static StepParam Boolean(string name, string description,
        Func<StepSettings, bool> get, Func<StepSettings, bool, StepSettings> set) =>
        new(new ParamSpec(name, ParamKind.Boolean, description, Default: get(StepSettings.Defaults) ? "true" : "false"),
            (s, v) => set(s, bool.Parse(v)));

    public static StepParam Integer(string name, string description, long min, long max,
        Func<StepSettings, int> get, Func<StepSettings, int, StepSettings> set) =>
        new(new ParamSpec(name, ParamKind.Integer, description, min, max,
                get(StepSettings.Defaults).ToString(CultureInfo.InvariantCulture)),
            (s, v) => set(s, int.Parse(v, CultureInfo.InvariantCulture)));
}
