using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement.Anomalies;
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
        var profiles = await SessionEvents.ProfilesAsync(store, date, settings.Rules(), inputs, ct);
        var models = new ModelStore(store);
        var version = await models.PublishedVersionAsync(ModelStore.Anomaly, ct)
            ?? throw new MissingInputException(
                "No published session anomaly detector: run the engagement_models DAG (or `orchestrated train`) first.");
        var card = await models.CardAsync<AnomalyCard>(ModelStore.Anomaly, version, ct);
        var detector = AnomalyDetector.Load(await models.ModelStreamAsync(ModelStore.Anomaly, version, ct), card.Threshold);
        var scores = detector.Scores(profiles);
        var unusual = detector.MostUnusual(profiles);
        var rows = profiles.Select((p, i) =>
        {
            var rules = SessionAnomalyRules.Apply(p);
            var flagged = scores[i] > detector.Threshold;
            var why = rules.Select(r => r.Why).ToList();
            if (flagged)
                why.Insert(0, $"unlike the sessions of the four weeks before, most in {SessionProfile.Say(unusual[i])} " +
                              $"(score {scores[i]:F2}, threshold {detector.Threshold:F2})");
            return new SessionScore(p.Session.SessionId, p.Session.StudentHash, p.Session.SessionStart, Math.Round(scores[i], 4),
                flagged || rules.Count > 0, string.Join(";", rules.Select(r => r.Flag)), string.Join("; ", why), null, version);
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
}
