using MassTransit;
using Orchestrated.Contracts;

namespace Orchestrated.Server.Reports;

// Thin consumers: each hands its report to TryReports.

public sealed class TaskTryHeartbeatConsumer(TryReports reports) : IConsumer<TaskTryHeartbeat>
{
    public Task Consume(ConsumeContext<TaskTryHeartbeat> context) => reports.HeartbeatAsync(context.Message, context.CancellationToken);
}
