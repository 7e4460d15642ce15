namespace Orchestrated.Server.Alerts;

/// <summary>A webhook did not take an alert; the message names the webhook by position, never by its URL.</summary>
public sealed class WebhookException(string message) : Exception(message);
