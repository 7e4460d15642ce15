using Orchestrated.Server.Tests.Support;
using Orchestrated.Testing;

namespace Orchestrated.Server.Tests.Steps;

/// <summary>The embedded server with one more step registered: <see cref="EventCountStep"/>, a descriptor in one file.</summary>
public sealed class ServerWithEventCounts : EmbeddedServer
{
    protected override Orchestrated.Pipeline.Steps.StepRegistry Steps => EventCountStep.Registry;
}
