using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// Trains the session anomaly detector as of a date on the sessions of the 28 days up to it that no rule flags, sets its
/// threshold from the contamination, and publishes it (an unsupervised model has no label to be judged by; its card
/// says how often it flags the sessions each rule flags, which it never saw).
/// </summary>
public sealed class TrainAnomalyStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var inputs = new List<StoredObject>();
        var profiles = new List<SessionProfile>();
        var from = FeatureWindow.FirstDate(date);
        var events = new SessionEvents(store, settings.Rules(), inputs);
        for (var day = from; day <= date; day = day.AddDays(1))
        {
            if (await store.StatAsync(Dataset.Sessions.PartKey(day), ct) is null) continue;
            profiles.AddRange(await events.ProfilesAsync(day, ct));
        }
        var contamination = settings.AnomaliesPerThousand / 1000.0;
        // Normal is learnt from the sessions no rule objects to: a few hundred scripted sessions in training would
        // become a principal component of their own, and the detector would call them normal (PCA's masking).
        var rules = profiles.Select(SessionAnomalyRules.Apply).ToList();
        var detector = AnomalyDetector.Train(profiles.Where((_, i) => rules[i].Count == 0).ToList(), contamination);
        var scores = detector.Scores(profiles);
        var ruleSessions = new Dictionary<string, int>();
        var ruleFlagged = new Dictionary<string, double>();
        string[] flags = [SessionAnomalyRules.MachineRegular, SessionAnomalyRules.TimeExceedsSpan, SessionAnomalyRules.HitTheCap];
        foreach (var flag in flags)
        {
            var which = Enumerable.Range(0, profiles.Count).Where(i => rules[i].Any(r => r.Flag == flag)).ToList();
            ruleSessions[flag] = which.Count;
            ruleFlagged[flag] = which.Count == 0 ? double.NaN : which.Count(i => scores[i] > detector.Threshold) / (double)which.Count;
        }
        var version = ModelStore.VersionFor(date);
        var card = new AnomalyCard(ModelStore.Anomaly, version, date, from, SessionProfile.FeatureNames, profiles.Count, contamination,
            detector.Threshold, scores.Count(s => s > detector.Threshold) / (double)profiles.Count, ruleSessions, ruleFlagged);
        var models = new ModelStore(store);
        var outputs = (await models.SaveAsync(ModelStore.Anomaly, version, card, SessionProfile.FeatureNames, detector.Save, ct)).ToList();
        outputs.Add(await models.PublishAsync(ModelStore.Anomaly, version, ct));
        progress?.Report(1);
        logger.LogInformation("train_anomaly {Date:yyyy-MM-dd}: {Sessions} sessions, threshold {Threshold:F3}, machine-regular caught " +
            "{Caught:P0}", date, profiles.Count, detector.Threshold, ruleFlagged[SessionAnomalyRules.MachineRegular]);
        return new StepResult
        {
            Step = TrainAnomalyDescriptor.StepName, Date = date, RowsRead = profiles.Count, RowsWritten = profiles.Count, Inputs = inputs,
            Outputs = outputs, Duration = clock.Elapsed,
        };
    }
}
