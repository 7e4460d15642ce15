using System.ComponentModel.DataAnnotations;
using Orchestrated.Pipeline.Steps;

namespace Orchestrated.Execution.Messaging;

/// <summary>Which step queues this process consumes and how many tries it runs at once (section <c>Orchestrated:Worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Orchestrated:Worker";

    /// <summary>Step types to host; empty hosts all of them.</summary>
    public List<string> Steps { get; set; } = [];
    [Range(1, 64)] public int Concurrency { get; set; } = 1;
    /// <summary>How the worker signs its tries (default host:pid).</summary>
    public string? Name { get; set; }

    /// <summary>The steps this process consumes, each one the registry knows (an unknown name is an error, never ignored).</summary>
    public IReadOnlyList<string> HostedSteps(StepRegistry registry)
    {
        var known = registry.Steps.Select(s => s.Name).ToList();
        if (Steps.Count == 0) return known;
        var unknown = Steps.Except(known).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown step(s) {string.Join(", ", unknown)}: expected some of {string.Join(", ", known)}.");
        return Steps.Distinct().ToList();
    }
}
