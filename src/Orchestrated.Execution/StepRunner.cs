using Amazon.Runtime;
using Orchestrated.Contracts;
using Orchestrated.Domain.Quality;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;
using Orchestrated.Workflows.Definitions;
using Microsoft.Extensions.Logging;

namespace Orchestrated.Execution;

/// <summary>Runs a step for a try: applies its params, enforces its timeout, captures its log, classifies its failure.</summary>
public sealed class StepRunner(IObjectStore store, PipelineSettings settings, StepRegistry registry, ILoggerFactory loggers,
    TimeProvider clock)
{
    public async Task<TryOutcome> RunAsync(RunTaskTry command, IProgress<double>? progress, CancellationToken stopping)
    {
        var log = new TryLog(loggers, clock);
        var logger = log.CreateLogger("Orchestrated.Execution.Try");
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["RunId"] = command.RunId, ["DagId"] = command.DagId, ["TaskId"] = command.TaskId, ["TryId"] = command.TryId,
            ["TryNumber"] = command.TryNumber, ["LogicalDate"] = command.LogicalDate.ToString("yyyy-MM-dd"),
        });
        using var activity = Telemetry.OrchestratedTelemetry.Source.StartActivity($"try {command.Step}");
        activity?.SetTag("orchestrated.run_id", command.RunId);
        activity?.SetTag("orchestrated.task_id", command.TaskId);
        activity?.SetTag("orchestrated.try_id", command.TryId.ToString());
        activity?.SetTag("orchestrated.try_number", command.TryNumber);
        activity?.SetTag("orchestrated.logical_date", command.LogicalDate.ToString("yyyy-MM-dd"));
        var outcome = await RunInScopeAsync(command, progress, stopping, log, logger);
        var step = new KeyValuePair<string, object?>("step", command.Step);
        Telemetry.OrchestratedTelemetry.Tries.Add(1, step, new("outcome", outcome is TryOutcome.Succeeded ? "succeeded" : "failed"));
        if (outcome is TryOutcome.Succeeded ok)
        {
            Telemetry.OrchestratedTelemetry.RowsWritten.Add(ok.Report.RowsWritten, step);
            Telemetry.OrchestratedTelemetry.StepDuration.Record(ok.Report.DurationSeconds, step);
            foreach (var (reason, count) in ok.Report.Quarantined)
                Telemetry.OrchestratedTelemetry.Quarantined.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
        else activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ((TryOutcome.Failed)outcome).Error);
        return outcome;
    }

    private async Task<TryOutcome> RunInScopeAsync(RunTaskTry command, IProgress<double>? progress, CancellationToken stopping, TryLog log,
        ILogger logger)
    {
        logger.LogInformation("try {TryNumber} of {Task} ({Step}) for {Date:yyyy-MM-dd}, run {Run}", command.TryNumber, command.TaskId,
            command.Step, command.LogicalDate, command.RunId);
        if (command.ExecutionTimeout <= TimeSpan.Zero || command.ExecutionTimeout > DefinitionBounds.MaxExecutionTimeout)
        {
            // A definition saved before the bound existed, or a hand-made message: refused here, reported, never a fault.
            var budget = Duration.Format(command.ExecutionTimeout.Duration());
            logger.LogError("execution timeout {Timeout} is outside 0…{Max}", budget, DefinitionBounds.MaxExecutionTimeout);
            return Failure(log, $"The execution timeout {budget} is outside what a try takes (more than zero, at most " +
                $"{Duration.Format(DefinitionBounds.MaxExecutionTimeout)}): fix the task's execution_timeout.",
                "InvalidExecutionTimeout", retryable: false);
        }
        using var timeout = new CancellationTokenSource(command.ExecutionTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            // The task's params over the worker's configured settings, each applied by the setting its step binds.
            var stepSettings = registry.Apply(command.Step, settings.Steps, command.Params);
            var steps = new PipelineSteps(store, stepSettings, log, registry);
            var result = await steps.RunAsync(command.Step, command.LogicalDate, progress, linked.Token);
            foreach (var warning in result.Warnings) logger.LogWarning("{Warning}", warning);
            logger.LogInformation("done: {Read} rows read, {Written} written, {Quarantined} quarantined, " +
                "{Duplicates} duplicates in {Seconds:F1} s",
                result.RowsRead, result.RowsWritten, result.QuarantinedTotal, result.Duplicates, result.Duration.TotalSeconds);
            return new TryOutcome.Succeeded(Report(result), log.Lines);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogWarning("the worker is shutting down: the try is handed back");
            return Failure(log, "The worker shut down before the try finished; it is handed back.", "WorkerShutdown", retryable: true,
                abandoned: true);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            logger.LogError("timed out after {Timeout}", command.ExecutionTimeout);
            return Failure(log, $"Timed out after {command.ExecutionTimeout}.", "Timeout", retryable: true);
        }
        catch (Exception e)
        {
            logger.LogError(e, "failed: {Message}", e.Message);
            var checks = e is DataQualityException dq ? dq.Failures.Select(Check).ToList() : [];
            return Failure(log, e.Message, e.GetType().Name, CanRetryHelp(e), checks: checks);
        }
    }

    /// <summary>
    /// Missing input, I/O and service faults may pass; wrong data, wrong params and failed quality checks will not
    /// until a person changes something, so retrying them only delays the alert.
    /// </summary>
    public static bool CanRetryHelp(Exception e) => e switch
    {
        MissingInputException => true,
        DataQualityException or ArgumentException or FormatException or InvalidDataException or NotSupportedException => false,
        AmazonServiceException s => TransientFaults.IsTransient(s, CancellationToken.None),
        _ => true,
    };

    private static TryOutcome.Failed Failure(TryLog log, string error, string type, bool retryable, bool abandoned = false,
        IReadOnlyList<QualityCheck>? checks = null) =>
        new(error, type, retryable, abandoned, checks ?? [], log.Lines);

    private static StepReport Report(StepResult r) => new()
    {
        Step = r.Step,
        Date = r.Date,
        RowsRead = r.RowsRead,
        RowsWritten = r.RowsWritten,
        Quarantined = r.Quarantined,
        Duplicates = r.Duplicates,
        Inputs = r.Inputs.Select(Version).ToList(),
        Outputs = r.Outputs.Select(Version).ToList(),
        OutputRows = r.OutputRows,
        ContentDates = r.ContentDates,
        DataQuality = r.DataQuality.Select(Check).ToList(),
        Anomalies = r.Anomalies,
        Warnings = r.Warnings,
        DurationSeconds = r.Duration.TotalSeconds,
    };

    private static ObjectVersion Version(StoredObject o) => new(o.Key, o.Size, o.Version);

    private static QualityCheck Check(DataQualityResult r) => new(r.Check, r.Hard, r.Passed, r.Violations, r.Detail);
}
