using System.Text.Json;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Reports;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record TryView(Guid Id, int Number, string Kind, string State, string? Worker, DateTime QueuedAt, DateTime? StartedAt,
    DateTime? LastHeartbeatAt, DateTime? EndedAt, double? DurationSeconds, string? Error, string? ErrorType, JsonElement? Report,
    JsonElement? DataQuality, IReadOnlyList<TryExecution> Executions)
{
    public static TryView Of(TaskTryRecord t) => new(t.Id, t.Number, t.Kind.ToString().ToLowerInvariant(), t.State.Name(), t.Worker,
        t.QueuedAt, t.StartedAt, t.LastHeartbeatAt, t.EndedAt, t.StartedAt is { } s && t.EndedAt is { } e ? (e - s).TotalSeconds : null,
        t.Error, t.ErrorType, t.ReportJson is null ? null : JsonDocument.Parse(t.ReportJson).RootElement,
        t.DataQualityJson is null ? null : JsonDocument.Parse(t.DataQualityJson).RootElement, TryExecutions.Of(t));
}
