using MassTransit;
using Orchestrated.Contracts;

namespace Orchestrated.Server.Reports;

// Thin consumers: each hands its report to TryReports.

public sealed class TaskTryStartedConsumer(TryReports reports) : IConsumer<TaskTryStarted>
{
    public Task Consume(ConsumeContext<TaskTryStarted> context) => reports.StartedAsync(context.Message, context.CancellationToken);
}
