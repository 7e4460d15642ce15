using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Evaluation;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// Trains the dropout model as of a date on the sessions of the <c>training_days</c> up to it: the time split puts
/// the last dates aside for evaluation, the model and the baseline are judged on them, and the model published so far
/// is judged on the same rows. The new model is published only when it beats the baseline and does at least as well
/// as the published one (by PR-AUC, the measure of a list of few positives); either way it is stored with its card.
/// </summary>
public sealed class TrainDropoutStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var sessions = await SessionHistory.ReadAsync(store, date.AddDays(1 - settings.TrainingDays), date, ct);
        if (sessions.Count == 0)
            throw new MissingInputException(
                $"No sessions in the {settings.TrainingDays} days up to {date:yyyy-MM-dd}: run sessionize first.");
        var label = new DropoutLabel(settings.DropoutHorizonDays);
        var first = FeatureWindow.FirstFullDate(sessions.Min(s => s.Date));
        var split = TimeSplit.For(first, date, label.Horizon);
        var rows = DropoutRows.Build(sessions, settings.Rules(), label, first, date.AddDays(-label.Horizon));
        var (model, evaluation) = DropoutEvaluation.Run(rows, split, date, settings.TeacherCapacity);
        progress?.Report(0.8);

        var models = new ModelStore(store);
        var previous = await models.PublishedVersionAsync(ModelStore.Dropout, ct);
        var version = ModelStore.VersionFor(date);
        BinaryScores? previousScores = null;
        if (previous is not null && previous != version)
        {
            var evaluated = rows.Where(r => split.Evaluates(r.Date, date)).ToList();
            var old = await models.ModelAsync(ModelStore.Dropout, previous, ct);
            var probabilities = old.Probabilities(evaluated.Select(r => r.Features).ToList());
            previousScores = BinaryScores.Of(evaluated.Select((r, i) => new Scored(r.Date, probabilities[i], r.DropsOut)).ToList(),
                settings.TeacherCapacity);
        }
        var (publish, decision) = Decide(evaluation, previous, previousScores);
        var card = new ModelCard(ModelStore.Dropout, version, date, label.Horizon, StudentFeatures.Names, evaluation,
            previous == version ? null : previous, previousScores, publish, decision);
        var outputs = (await models.SaveAsync(card, model, ct)).ToList();
        if (publish) outputs.Add(await models.PublishAsync(ModelStore.Dropout, version, ct));
        progress?.Report(1);
        logger.LogInformation("train_dropout {Date:yyyy-MM-dd}: {Version}: ROC-AUC {Model:F3} (baseline {Baseline:F3}): {Decision}", date,
            version, evaluation.Model.RocAuc, evaluation.Baseline.RocAuc, decision);
        return new StepResult
        {
            Step = TrainDropoutDescriptor.StepName, Date = date, RowsRead = sessions.Count, RowsWritten = evaluation.TrainingRows,
            Outputs = outputs, Warnings = publish ? [] : [decision], Duration = clock.Elapsed,
        };
    }

    private static (bool Publish, string Decision) Decide(ModelEvaluation evaluation, string? previous, BinaryScores? previousScores)
    {
        if (!evaluation.BeatsBaseline)
            return (false, $"not published: ROC-AUC {evaluation.Model.RocAuc:F3} / PR-AUC {evaluation.Model.PrAuc:F3} do not both beat " +
                $"the baseline's {evaluation.Baseline.RocAuc:F3} / {evaluation.Baseline.PrAuc:F3}");
        if (previousScores is not null && evaluation.Model.PrAuc < previousScores.PrAuc)
            return (false, $"not published: PR-AUC {evaluation.Model.PrAuc:F3} is below the published {previous}'s " +
                $"{previousScores.PrAuc:F3} on the same dates");
        return (true, $"published: ROC-AUC {evaluation.Model.RocAuc:F3} / PR-AUC {evaluation.Model.PrAuc:F3} against the baseline's " +
            $"{evaluation.Baseline.RocAuc:F3} / {evaluation.Baseline.PrAuc:F3}" +
            (previousScores is null ? "" : $" and the published {previous}'s {previousScores.RocAuc:F3} / {previousScores.PrAuc:F3}"));
    }
}
