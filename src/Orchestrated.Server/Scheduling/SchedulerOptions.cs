using System.ComponentModel.DataAnnotations;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

/// <summary>The scheduler's timings (section <c>Orchestrated:Scheduler</c>).</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Orchestrated:Scheduler";

    /// <summary>Whether this process runs a scheduler at all (an API-only replica does not).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The longest wait between two passes; completions wake the scheduler at once.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long a leader's lease lasts without renewal; a crashed leader is replaced after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan QueuedTimeout { get; set; } = TimeSpan.FromMinutes(5);
    [Range(0, 100)] public int MaxInfrastructureRetries { get; set; } = 5;
    /// <summary>How many past dates the data SLA check looks at.</summary>
    [Range(1, 366)] public int SlaLookbackDays { get; set; } = 7;
    /// <summary>How long after a partition is written its neighbours are still checked for going stale (re-runs of late data).</summary>
    public TimeSpan RerunCheckAge { get; set; } = TimeSpan.FromDays(1);
    /// <summary>The folder of DAG definition files loaded at start.</summary>
    public string WorkflowsFolder { get; set; } = "workflows";

    public WatchdogSettings Watchdog => new()
    {
        HeartbeatInterval = HeartbeatInterval,
        HeartbeatTimeout = HeartbeatTimeout,
        QueuedTimeout = QueuedTimeout,
        MaxInfrastructureRetries = MaxInfrastructureRetries,
    };
}
