using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record AlertView(long Id, string Kind, string DagId, DateOnly? LogicalDate, string? TaskId, long? RunId, string Message,
    DateTime CreatedAt, DateTime? AcknowledgedAt, DateTime? DeliveredAt, string? DeliveryError)
{
    public static AlertView Of(AlertRecord a) => new(a.Id, a.Kind.ToString(), a.DagId, a.LogicalDate, a.TaskId, a.RunId, a.Message,
        a.CreatedAt, a.AcknowledgedAt, a.DeliveredAt, a.DeliveryError);
}
