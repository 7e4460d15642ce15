using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Orchestrated.Domain.Engagement.Anomalies;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// ML.NET's randomized PCA over the sessions' features, standardized first: the subspace most sessions lie in. A
/// session's score is how far it lies from that subspace — the norm of what the principal components leave of it (the
/// Q statistic). Not ML.NET's own score, which divides that by the session's distance from the mean: a session that
/// is extreme in a direction the components miss scores no higher than an ordinary one near the mean. The threshold is
/// not ML.NET's default either (an arbitrary 0.5) but the score the given share of the training sessions exceeds — the
/// contamination a school expects.
/// </summary>
public sealed class AnomalyDetector
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;
    private readonly float[] _mean;
    private readonly float[][] _components;

    private AnomalyDetector(MLContext ml, ITransformer model, DataViewSchema schema, double threshold)
    {
        (_ml, _model, _schema, Threshold) = (ml, model, schema, threshold);
        var pca = PcaOf(model) ?? throw new InvalidDataException("The stored anomaly detector holds no PCA.");
        VBuffer<float> mean = default;
        pca.GetMean(ref mean);
        _mean = mean.DenseValues().ToArray();
        VBuffer<float>[] vectors = [];
        pca.GetEigenVectors(ref vectors, out var rank);
        _components = vectors.Take(rank).Select(v => v.DenseValues().ToArray()).ToArray();
    }

    public double Threshold { get; }

    public static AnomalyDetector Train(IReadOnlyList<SessionProfile> sessions, double contamination, int seed = 1)
    {
        if (sessions.Count < 50) throw new ArgumentException($"The anomaly detector needs 50 sessions at least, not {sessions.Count}.");
        if (contamination is <= 0 or >= 0.5)
            throw new ArgumentException($"The contamination must be above 0 and below 0.5, not {contamination}.");
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(sessions.Select(Row));
        var pipeline = ml.Transforms.NormalizeMeanVariance(nameof(SessionVector.Features), fixZero: false)
            .Append(ml.AnomalyDetection.Trainers.RandomizedPca(new RandomizedPcaTrainer.Options
            {
                FeatureColumnName = nameof(SessionVector.Features), Rank = 3, Oversampling = 20, EnsureZeroMean = true, Seed = seed,
            }));
        ITransformer model = pipeline.Fit(data);
        var untuned = new AnomalyDetector(ml, model, data.Schema, 0);
        var scores = untuned.Scores(sessions).Order().ToList();
        var threshold = scores[Math.Min(scores.Count - 1, (int)Math.Floor(scores.Count * (1 - contamination)))];
        return new AnomalyDetector(ml, model, data.Schema, threshold);
    }

    public IReadOnlyList<double> Scores(IReadOnlyList<SessionProfile> sessions) =>
        Residuals(sessions).Select(left => Math.Sqrt(left.Sum(v => v * v))).ToList();

    /// <summary>For each session, the feature that most of its distance from the subspace lies along: what is unusual.</summary>
    public IReadOnlyList<string> MostUnusual(IReadOnlyList<SessionProfile> sessions) =>
        Residuals(sessions).Select(left => SessionProfile.FeatureNames[Array.IndexOf(left, left.MaxBy(Math.Abs))]).ToList();

    private IEnumerable<double[]> Residuals(IReadOnlyList<SessionProfile> sessions)
    {
        if (sessions.Count == 0) return [];
        // The standardized features, as the PCA saw them.
        var normalized = _model.Transform(_ml.Data.LoadFromEnumerable(sessions.Select(Row)));
        return normalized.GetColumn<float[]>(nameof(SessionVector.Features)).Select(Residual).ToList();
    }

    public void Save(Stream stream) => _ml.Model.Save(_model, _schema, stream);

    public static AnomalyDetector Load(Stream stream, double threshold, int seed = 1)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(stream, out var schema);
        return new AnomalyDetector(ml, model, schema, threshold);
    }

    /// <summary>What is left of the centred row once its projection on the components is taken away.</summary>
    private double[] Residual(float[] x)
    {
        var centred = x.Select((v, i) => (double)v - _mean[i]).ToArray();
        var left = (double[])centred.Clone();
        foreach (var component in _components)
        {
            var along = centred.Select((v, i) => v * component[i]).Sum();
            for (var i = 0; i < left.Length; i++) left[i] -= along * component[i];
        }
        return left;
    }

    /// <summary>The PCA of a fitted or a loaded chain (loading gives the chain's parts other generic types).</summary>
    private static PcaModelParameters? PcaOf(ITransformer transformer) => transformer switch
    {
        IEnumerable<ITransformer> chain => chain.Select(PcaOf).LastOrDefault(p => p is not null),
        _ => transformer.GetType().GetProperty("Model")?.GetValue(transformer) as PcaModelParameters,
    };

    private static SessionVector Row(SessionProfile p) => new() { Features = p.Features() };
}
