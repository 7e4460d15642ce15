using MassTransit;
using Orchestrated.Contracts;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// Creates tries and sends them to their step's queue. The try row is committed before the message is sent: if the
/// process dies in between, the watchdog finds a try queued too long and dispatches it again.
/// </summary>
public sealed class TryDispatcher(IBus sender, SchedulerOptions options, TimeProvider clock, ILogger<TryDispatcher> logger)
{
    /// <summary>Adds a new try for <paramref name="task"/> to <paramref name="db"/> (not yet saved) and returns what to send.</summary>
    public PendingDispatch Prepare(MetadataDb db, DagVersion dag, DagRunRecord run, TaskInstanceRecord task, TryKind kind)
    {
        var definition = dag.Definition.Task(task.TaskId);
        var now = clock.GetUtcNow();
        var tryId = Guid.NewGuid();
        task.TryCount++;
        task.CurrentTryId = tryId;
        task.State = TaskState.Queued;
        task.RetryAt = null;
        task.EndedAt = null;
        db.Tries.Add(new TaskTryRecord
        {
            Id = tryId, TaskInstanceId = task.Id, RunId = run.Id, Number = task.TryCount, Kind = kind,
            State = TaskState.Queued, QueuedAt = now.UtcDateTime,
        });
        return new PendingDispatch(new RunTaskTry
        {
            TryId = tryId, RunId = run.Id, DagId = run.DagId, TaskId = task.TaskId, Step = definition.Step,
            LogicalDate = run.LogicalDate, TryNumber = task.TryCount, Params = RunParams.For(definition, run.ParamsJson),
            ExecutionTimeout = definition.Settings.ExecutionTimeout, HeartbeatInterval = options.HeartbeatInterval, DispatchedAt = now,
        });
    }

    public async Task SendAsync(IEnumerable<PendingDispatch> dispatches, CancellationToken ct)
    {
        foreach (var d in dispatches)
        {
            var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{StepQueues.For(d.Command.Step)}"));
            await endpoint.Send(d.Command, ct);
            Orchestrated.Execution.Telemetry.OrchestratedTelemetry.Dispatched.Add(1,
                new KeyValuePair<string, object?>("step", d.Command.Step),
                new KeyValuePair<string, object?>("try_number", d.Command.TryNumber));
            logger.LogInformation("dispatched try {Try} #{Number} of {Task} for {Date:yyyy-MM-dd} (run {Run}) to {Queue}",
                d.Command.TryId, d.Command.TryNumber, d.Command.TaskId, d.Command.LogicalDate, d.Command.RunId,
                StepQueues.For(d.Command.Step));
        }
    }
}
