using System.Diagnostics;
using System.Globalization;
using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Evaluation;
using Orchestrated.Domain.Sessions;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Pipeline.Sample;

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
            Console.WriteLine(evaluation.BeatsBaseline ? "the model beats the baseline: it would be published"
                : "the model does NOT beat the baseline: it would not be published");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

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
