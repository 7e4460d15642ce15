using Orchestrated.Pipeline.Steps;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Tests;

/// <summary>The standard steps as DAG validation knows them.</summary>
internal static class Standard
{
    public static StepCatalog Catalog => StepRegistry.Standard.Catalog;

    public static DagLoader Loader { get; } = new(Catalog);
}
