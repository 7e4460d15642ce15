using System.Diagnostics;
using System.Globalization;
using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Domain.Engagement.EarlyWarning;
using Orchestrated.Domain.Engagement.Evaluation;
using Orchestrated.Domain.Sessions;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Benchmarks;

/// <summary>
/// The engagement models' figures: a story sample of a seed of its own through the batch pipeline, features as of
/// every date, the time split, the model and the baseline on the dates after it.
/// </summary>
public static class ModelsBenchmark
{
    public static async Task<int> RunAsync(ModelsBenchmarkOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("orchestrated-models-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var sample = new SampleOptions(SampleOptions.DefaultStart, options.Days, options.Students, options.Seed, EdgeCases: false,
                TailDays: 1, Story: new EngagementStory(options.Noise));
            var sessions = await StorySample.SessionsAsync(folder, sample, Environment.ProcessorCount, CancellationToken.None);
            var lastData = sample.Start.AddDays(options.Days - 1);
            var label = new DropoutLabel(options.Horizon);
            // From the first date with 28 days of past, to the last date whose horizon the data covers.
            var first = FeatureWindow.FirstFullDate(sample.Start);
            var rows = DropoutRows.Build(sessions, SessionRules.Default, label, first, lastData.AddDays(-options.Horizon));
            var split = TimeSplit.For(first, lastData, options.Horizon);
            Console.WriteLine($"story sample: {options.Students} students, {options.Days} days, seed {options.Seed}, " +
                $"noise {options.Noise}: " +
                $"{sessions.Count:N0} sessions, {rows.Count:N0} student-days ({clock.Elapsed.TotalSeconds:F0} s)");
            clock.Restart();
            var (_, evaluation) = DropoutEvaluation.Run(rows, split, lastData, options.K);
            Console.WriteLine($"dropout (no session in the next {options.Horizon} days): trained on {evaluation.TrainingRows:N0} rows " +
                $"({evaluation.TrainingPositives:N0} dropping out) before {split.Cutoff:yyyy-MM-dd}, evaluated on " +
                $"{evaluation.Model.Count:N0} ({evaluation.Model.Positives:N0}) from it ({clock.Elapsed.TotalSeconds:F1} s)");
            Print(evaluation.Model, evaluation.Baseline);
            Console.WriteLine($"lead time (risk ≥ 0.5 before the last session): model {Lead(evaluation.Lead!)}; baseline " +
                Lead(evaluation.BaselineLead!));
            Console.WriteLine(evaluation.BeatsBaseline ? "the model beats the baseline: it would be published"
                : "the model does NOT beat the baseline: it would not be published");
            await AnomaliesAsync(folder, sample);
            await EarlyWarningAsync(folder, sessions, FeatureWindow.FirstFullDate(sample.Start), lastData, options.K);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The anomaly detector trained on four weeks of sessions no rule flags, ending two weeks before the data does, then
    /// judged on those two weeks: how many of each rule's sessions (it never saw one) and of the others it flags.
    /// </summary>
    private static async Task AnomaliesAsync(string folder, SampleOptions sample)
    {
        var store = new LocalObjectStore(folder);
        var end = sample.Start.AddDays(sample.Days - 1);
        var (training, later) = (new List<SessionProfile>(), new List<SessionProfile>());
        var events = new SessionEvents(store, SessionRules.Default, []);
        for (var day = end.AddDays(-41); day <= end; day = day.AddDays(1))
            (day <= end.AddDays(-14) ? training : later).AddRange(await events.ProfilesAsync(day, CancellationToken.None));
        var detector = AnomalyDetector.Train(training.Where(p => SessionAnomalyRules.Apply(p).Count == 0).ToList(), 0.01);
        var scores = detector.Scores(later);
        var rules = later.Select(SessionAnomalyRules.Apply).ToList();
        string Caught(Func<int, bool> which)
        {
            var chosen = Enumerable.Range(0, later.Count).Where(which).ToList();
            if (chosen.Count == 0) return "none";
            return $"{chosen.Count(i => scores[i] > detector.Threshold) / (double)chosen.Count:P1} of {chosen.Count:N0}";
        }
        Console.WriteLine($"session anomalies (randomized PCA, contamination 1 %, trained on {training.Count:N0} sessions, judged on " +
            $"{later.Count:N0} of the last two weeks): flagged " +
            $"{Caught(i => rules[i].Any(r => r.Flag == SessionAnomalyRules.MachineRegular))} " +
            $"machine-regular, {Caught(i => rules[i].Any(r => r.Flag == SessionAnomalyRules.TimeExceedsSpan))} time-exceeds-span, " +
            $"{Caught(i => rules[i].Count == 0)} others");
    }

    /// <summary>The early warning (first five minutes → active time under ten), split by time, against the length-only baseline.</summary>
    private static async Task EarlyWarningAsync(string folder, IReadOnlyList<SessionRow> sessions, DateOnly first, DateOnly lastData, int k)
    {
        var clock = Stopwatch.StartNew();
        var rows = await EarlyWarningRows.BuildAsync(new LocalObjectStore(folder), sessions, first, lastData, SessionRules.Default,
            new LowEngagement(), [], CancellationToken.None);
        var split = TimeSplit.For(first, lastData, EarlyWarningEvaluation.LabelDays);
        var (_, evaluation) = EarlyWarningEvaluation.Run(rows, split, lastData, k);
        Console.WriteLine($"early warning (first {SessionOpening.Minutes} minutes → active time under 10 minutes): trained on " +
            $"{evaluation.TrainingRows:N0} sessions ({evaluation.TrainingPositives:N0} low) before {split.Cutoff:yyyy-MM-dd}, " +
            $"evaluated on {evaluation.Model.Count:N0} ({evaluation.Model.Positives:N0}) ({clock.Elapsed.TotalSeconds:F1} s); " +
            "baseline: the student's usual length");
        Print(evaluation.Model, evaluation.Baseline);
    }

    private static string Lead(LeadTime lead) =>
        $"{lead.WarnedByTheLastSession} of {lead.Episodes} students who stopped warned by their last session, median " +
        $"{lead.MedianDays?.ToString("F1", CultureInfo.InvariantCulture) ?? "–"} days ahead, {lead.Missed} missed";

    private static void Print(BinaryScores model, BinaryScores baseline)
    {
        Console.WriteLine($"{"",-26}{"model",10}{"baseline",10}");
        Row("ROC-AUC", model.RocAuc, baseline.RocAuc);
        Row("PR-AUC", model.PrAuc, baseline.PrAuc);
        Row($"precision at {model.K} a day", model.PrecisionAtK, baseline.PrecisionAtK);
        Row("Brier score", model.Brier, baseline.Brier);
        Row("positive rate", model.Positives / (double)model.Count, baseline.Positives / (double)baseline.Count);
        Console.WriteLine("reliability (model): " + string.Join("  ", model.Reliability.Select(b =>
            $"{b.From:F1}-{b.To:F1}: {b.MeanPredicted:F2}→{b.Observed:F2} ({b.Count})")));
    }

    private static void Row(string name, double model, double baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26}{model,10:F3}{baseline,10:F3}"));
}
