using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Domain.Engagement.EarlyWarning;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// <c>silver/sessions</c> of D with their events and the published anomaly detector → <c>gold/session_scores/date=D</c>:
/// each session's score, whether it is above the detector's threshold, the rules it breaks, and why in words. A
/// session is anomalous when the detector or a rule says so.
/// </summary>
public sealed class ScoreSessionsStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var inputs = new List<StoredObject>();
        var timelines = await new SessionEvents(store, settings.Rules(), inputs).TimelinesAsync(date, ct);
        var profiles = timelines.Select(t => t.Profile()).ToList();
        var models = new ModelStore(store);
        var version = await models.PublishedVersionAsync(ModelStore.Anomaly, ct)
            ?? throw new MissingInputException(
                "No published session anomaly detector: run the engagement_models DAG (or `orchestrated train`) first.");
        var card = await models.CardAsync<AnomalyCard>(ModelStore.Anomaly, version, ct);
        var detector = AnomalyDetector.Load(await models.ModelStreamAsync(ModelStore.Anomaly, version, ct), card.Threshold);
        var scores = detector.Scores(profiles);
        var unusual = detector.MostUnusual(profiles);
        var warnings = await EarlyWarningsAsync(date, timelines, ct);
        var rows = profiles.Select((p, i) =>
        {
            var rules = SessionAnomalyRules.Apply(p);
            var flagged = scores[i] > detector.Threshold;
            var why = rules.Select(r => r.Why).ToList();
            if (flagged)
                why.Insert(0, $"unlike the sessions of the four weeks before, most in {SessionProfile.Say(unusual[i])} " +
                              $"(score {scores[i]:F2}, threshold {detector.Threshold:F2})");
            return new SessionScore(p.Session.SessionId, p.Session.StudentHash, p.Session.SessionStart, Math.Round(scores[i], 4),
                flagged || rules.Count > 0, string.Join(";", rules.Select(r => r.Flag)), string.Join("; ", why), warnings?[i], version);
        }).ToList();
        var output = await store.WriteAsync(Dataset.SessionScores.PartKey(date), (stream, _) =>
        {
            SessionScoresTable.Write(stream, rows, settings.Parquet);
            return Task.CompletedTask;
        }, ct);
        progress?.Report(1);
        logger.LogInformation("score_sessions {Date:yyyy-MM-dd}: {Sessions} sessions, {Anomalous} anomalous", date, rows.Count,
            rows.Count(r => r.Anomalous));
        return new StepResult
        {
            Step = ScoreSessionsDescriptor.StepName, Date = date, RowsRead = profiles.Count, RowsWritten = rows.Count, Inputs = inputs,
            Outputs = [output], Duration = clock.Elapsed,
        };
    }

    /// <summary>
    /// The published early warning's probability for each session still running after its opening minutes (what it
    /// would have said five minutes in), null for the others; null altogether before an early warning is published.
    /// </summary>
    private async Task<IReadOnlyList<double?>?> EarlyWarningsAsync(DateOnly date, IReadOnlyList<SessionTimeline> timelines,
        CancellationToken ct)
    {
        var models = new ModelStore(store);
        if (await models.PublishedVersionAsync(ModelStore.EarlyWarning, ct) is not { } version) return null;
        var model = FeatureClassifier.Load(await models.ModelStreamAsync(ModelStore.EarlyWarning, version, ct), SessionOpening.Names.Count);
        var history = await SessionHistory.ReadAsync(store, FeatureWindow.FirstDate(date.AddDays(-1)), date.AddDays(-1), ct);
        var before = EarlyWarningRows.HistoryAsOf(history, date.AddDays(-1), settings.Rules());
        var running = timelines.Where(SessionOpening.StillRunning).ToList();
        var probabilities = model.Probabilities(
            running.Select(t => SessionOpening.Features(t, before.GetValueOrDefault(t.Session.StudentHash))).ToList());
        var bySession = running.Select((t, i) => (t.Session.SessionId, P: Math.Round(probabilities[i], 4)))
            .ToDictionary(x => x.SessionId, x => x.P);
        return timelines.Select(t => bySession.TryGetValue(t.Session.SessionId, out var p) ? p : (double?)null).ToList();
    }
}
