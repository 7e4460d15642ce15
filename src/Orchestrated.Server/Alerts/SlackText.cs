namespace Orchestrated.Server.Alerts;

/// <summary>
/// Alert text as Slack-compatible webhooks read it: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are control characters there
/// (<c>&lt;!channel&gt;</c> pings everyone, <c>&lt;url|text&gt;</c> makes a link), and alert text carries names and errors
/// that come from DAG files and raw data. Escaped, they show as written.
/// </summary>
public static class SlackText
{
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
