namespace Orchestrated.Server.Alerts;

/// <summary>Where alerts go besides the database and the log (section <c>Orchestrated:Alerts</c>).</summary>
public sealed class AlertOptions
{
    public const string Section = "Orchestrated:Alerts";

    /// <summary>URLs that receive each alert as Slack-compatible JSON (<c>{"text": …}</c>). May contain secrets.</summary>
    public List<string> Webhooks { get; set; } = [];
    public int MaxDeliveryAttempts { get; set; } = 5;
}
