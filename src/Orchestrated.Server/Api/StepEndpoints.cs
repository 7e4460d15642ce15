using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Server.Api;

public static class StepEndpoints
{
    public static void MapStepEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/steps", (StepRegistry steps) => Results.Ok(steps.Steps.Select(View))).WithTags("Steps")
            .WithSummary("The step types a DAG may use: their params (kind, default, bounds), the datasets they write and the " +
                         "dates they read.").WithName("ListSteps");

    private static StepView View(StepDescriptor step) => new(step.Name, step.Description,
        step.Params.Select(p => new StepParamView(p.Name, p.Spec.Kind.ToString().ToLowerInvariant(), p.Spec.Description, p.Spec.Default,
            p.Spec.Min, p.Spec.Max)).ToList(),
        step.Writes.Select(d => d.Name).ToList(),
        step.Reads(StepSettings.Defaults, DagDefinition.DefaultLateArrivalDays).Select(w => w.Describe()).ToList());
}
