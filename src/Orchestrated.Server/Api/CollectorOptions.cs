using System.ComponentModel.DataAnnotations;

namespace Orchestrated.Server.Api;

/// <summary>The event collector, <c>POST /api/events</c> (section <c>Orchestrated:Collector</c>).</summary>
public sealed class CollectorOptions
{
    public const string Section = "Orchestrated:Collector";

    /// <summary>The largest body one post may have; a platform sends events in batches well under it.</summary>
    [Range(1, 256)]
    public int MaxBodyMegabytes { get; set; } = 16;
}
