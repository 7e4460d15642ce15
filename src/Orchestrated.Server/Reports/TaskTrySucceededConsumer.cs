using MassTransit;
using Orchestrated.Contracts;

namespace Orchestrated.Server.Reports;

// Thin consumers: each hands its report to TryReports.

public sealed class TaskTrySucceededConsumer(TryReports reports) : IConsumer<TaskTrySucceeded>
{
    public Task Consume(ConsumeContext<TaskTrySucceeded> context) => reports.SucceededAsync(context.Message, context.CancellationToken);
}
