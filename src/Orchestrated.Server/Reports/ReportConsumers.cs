using MassTransit;
using Orchestrated.Contracts;

namespace Orchestrated.Server.Reports;

// Thin consumers: each hands its report to TryReports.

public sealed class TaskTryStartedConsumer(TryReports reports) : IConsumer<TaskTryStarted>
{
    public Task Consume(ConsumeContext<TaskTryStarted> context) => reports.StartedAsync(context.Message, context.CancellationToken);
}

public sealed class TaskTryHeartbeatConsumer(TryReports reports) : IConsumer<TaskTryHeartbeat>
{
    public Task Consume(ConsumeContext<TaskTryHeartbeat> context) => reports.HeartbeatAsync(context.Message, context.CancellationToken);
}

public sealed class TaskTrySucceededConsumer(TryReports reports) : IConsumer<TaskTrySucceeded>
{
    public Task Consume(ConsumeContext<TaskTrySucceeded> context) => reports.SucceededAsync(context.Message, context.CancellationToken);
}

public sealed class TaskTryFailedConsumer(TryReports reports) : IConsumer<TaskTryFailed>
{
    public Task Consume(ConsumeContext<TaskTryFailed> context) => reports.FailedAsync(context.Message, context.CancellationToken);
}
