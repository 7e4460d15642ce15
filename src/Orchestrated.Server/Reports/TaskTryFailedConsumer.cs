using MassTransit;
using Orchestrated.Contracts;

namespace Orchestrated.Server.Reports;

// Thin consumers: each hands its report to TryReports.

public sealed class TaskTryFailedConsumer(TryReports reports) : IConsumer<TaskTryFailed>
{
    public Task Consume(ConsumeContext<TaskTryFailed> context) => reports.FailedAsync(context.Message, context.CancellationToken);
}
