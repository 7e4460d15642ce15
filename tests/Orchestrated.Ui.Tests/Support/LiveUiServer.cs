namespace Orchestrated.Ui.Tests.Support;

/// <summary>The UI server with a quick stream clock: ticks every 200 ms, idle after a second, micro-batches of half a second.</summary>
public sealed class LiveUiServer : UiServer
{
    protected override string[] ExtraArguments =>
    [
        "--Orchestrated:Stream:TickInterval", "00:00:00.200", "--Orchestrated:Stream:IdleTimeout", "00:00:01",
        "--Orchestrated:Stream:MicroBatchInterval", "00:00:00.500",
    ];
}
