using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestrated.Execution.Telemetry;

/// <summary>
/// Our traces and metrics. A try's span ("try {step}") is a child of MassTransit's consume span, which continues the
/// server's send span: one trace per try, crossing server → broker → worker.
/// </summary>
public static class OrchestratedTelemetry
{
    public const string Name = "Orchestrated";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Tries =
        Meter.CreateCounter<long>("orchestrated.tries", description: "Tries run by workers, by step and outcome.");
    public static readonly Counter<long> RowsWritten =
        Meter.CreateCounter<long>("orchestrated.rows.written", description: "Rows written by steps.");
    public static readonly Counter<long> Quarantined =
        Meter.CreateCounter<long>("orchestrated.events.quarantined", description: "Raw events quarantined, by reason.");
    public static readonly Histogram<double> StepDuration =
        Meter.CreateHistogram<double>("orchestrated.step.duration", unit: "s", description: "How long a try of a step ran.");
    public static readonly Counter<long> Dispatched =
        Meter.CreateCounter<long>("orchestrated.tries.dispatched", description: "Tries sent to workers, by step and kind.");
    public static readonly Counter<long> RunsFinished =
        Meter.CreateCounter<long>("orchestrated.runs.finished", description: "Runs finished, by kind and state.");
    public static readonly Counter<long> EventsCollected =
        Meter.CreateCounter<long>("orchestrated.events.collected", description: "Events the collector accepted into the stream.");
    public static readonly Counter<long> EventsRefused =
        Meter.CreateCounter<long>("orchestrated.events.refused", description: "Posted lines the collector refused, by reason.");
    public static readonly Counter<long> LiveSessionsClosed =
        Meter.CreateCounter<long>("orchestrated.sessions.live.closed", description: "Sessions the stream sessionizer closed and wrote.");
    public const string LiveCloseLatencyName = "orchestrated.sessions.live.close_latency";
    public static readonly Histogram<double> LiveCloseLatency =
        Meter.CreateHistogram<double>(LiveCloseLatencyName, unit: "s",
            description: "From the append of the entry whose time closed a session to the session being readable in storage.");
    public static readonly Histogram<double> LateEventLateness =
        Meter.CreateHistogram<double>("orchestrated.events.late", unit: "s",
            description: "Events that reached the stream behind its watermark, by how far behind.");
}
