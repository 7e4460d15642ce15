using System.ComponentModel.DataAnnotations;

namespace Orchestrated.Server.Alerts;

/// <summary>Where alerts go besides the database and the log (section <c>Orchestrated:Alerts</c>).</summary>
public sealed class AlertOptions
{
    public const string Section = "Orchestrated:Alerts";

    /// <summary>URLs that receive each alert as Slack-compatible JSON (<c>{"text": …}</c>). May contain secrets: never logged.</summary>
    public List<string> Webhooks { get; set; } = [];

    [Range(1, 100)] public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>The time one POST to one webhook may take before it counts as failed (then retried, up to three times).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often undelivered alerts are looked for, on the delivery loop (never inside a scheduler pass).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DeliveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most alerts one delivery round sends: a backlog drains over several rounds.</summary>
    [Range(1, 1000)] public int MaxAlertsPerRound { get; set; } = 20;
}
