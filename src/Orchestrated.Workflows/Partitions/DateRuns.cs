using Orchestrated.Workflows.Runs;

namespace Orchestrated.Workflows.Partitions;

/// <summary>The runs of one date as far as re-running goes: whether one is queued or running, and how the latest ended.</summary>
public sealed record DateRuns(bool InFlight, RunState? Latest);
