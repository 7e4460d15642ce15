using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.EarlyWarning;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// Trains the early warning as of a date: the sessions of the <c>training_days</c> up to it that still ran five minutes
/// in, split by time, judged with the length-only baseline; published when it beats the baseline by ROC-AUC and PR-AUC.
/// </summary>
public sealed class TrainEarlyWarningStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var history = await SessionHistory.ReadAsync(store, date.AddDays(1 - settings.TrainingDays), date, ct);
        if (history.Count == 0)
            throw new MissingInputException(
                $"No sessions in the {settings.TrainingDays} days up to {date:yyyy-MM-dd}: run sessionize first.");
        var first = FeatureWindow.FirstFullDate(history.Min(s => s.Date));
        var split = TimeSplit.For(first, date, EarlyWarningEvaluation.LabelDays);
        var inputs = new List<StoredObject>();
        var low = new LowEngagement(settings.LowEngagementMinutes);
        var rows = await EarlyWarningRows.BuildAsync(store, history, first, date, settings.Rules(), low, inputs, ct);
        var (model, evaluation) = EarlyWarningEvaluation.Run(rows, split, date, settings.TeacherCapacity);
        var publish = evaluation.BeatsBaseline;
        var decision = (publish ? "published" : "not published") +
            $": ROC-AUC {evaluation.Model.RocAuc:F3} / PR-AUC {evaluation.Model.PrAuc:F3} against the length-only baseline's " +
            $"{evaluation.Baseline.RocAuc:F3} / {evaluation.Baseline.PrAuc:F3}";
        var version = ModelStore.VersionFor(date);
        var card = new EarlyWarningCard(ModelStore.EarlyWarning, version, date, SessionOpening.Minutes, settings.LowEngagementMinutes,
            SessionOpening.Names, evaluation, publish, decision);
        var models = new ModelStore(store);
        var outputs = (await models.SaveAsync(ModelStore.EarlyWarning, version, card, SessionOpening.Names, model.Save, ct)).ToList();
        if (publish) outputs.Add(await models.PublishAsync(ModelStore.EarlyWarning, version, ct));
        progress?.Report(1);
        logger.LogInformation("train_early_warning {Date:yyyy-MM-dd}: {Version}: {Decision}", date, version, decision);
        return new StepResult
        {
            Step = TrainEarlyWarningDescriptor.StepName, Date = date, RowsRead = rows.Count, RowsWritten = evaluation.TrainingRows,
            Inputs = inputs, Outputs = outputs, Warnings = publish ? [] : [decision], Duration = clock.Elapsed,
        };
    }
}
