using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Tests.Engagement;

/// <summary>
/// The engagement steps on a story sample's batch output: features as of a date, a dropout model trained, judged and
/// published with its card, scores that name it; training again is the same model, a later one knows its predecessor.
/// </summary>
public sealed class EngagementStepsTests : IAsyncLifetime
{
    private static readonly SampleOptions Sample = new(SampleOptions.DefaultStart, Days: 70, Students: 200, Seed: 77, EdgeCases: false,
        TailDays: 1, Story: new EngagementStory());
    private static readonly DateOnly AsOf = Sample.Start.AddDays(55);
    private readonly string _folder = Directory.CreateTempSubdirectory("engagement-").FullName;
    private LocalObjectStore _store = null!;
    private PipelineSteps _steps = null!;

    public async Task InitializeAsync()
    {
        await StorySample.SessionsAsync(_folder, Sample, parallelism: 2, CancellationToken.None);
        _store = new LocalObjectStore(_folder);
        _steps = new PipelineSteps(_store, StepSettings.Defaults, NullLoggerFactory.Instance);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Features_of_a_date_are_those_of_the_sessions_of_its_28_days()
    {
        var result = await _steps.RunAsync(FeaturesDescriptor.StepName, AsOf);
        var sessions = await SessionHistory.ReadAsync(_store, FeatureWindow.FirstDate(AsOf), AsOf, CancellationToken.None);
        var expected = StudentFeatureBuilder.Build(AsOf, sessions, StepSettings.Defaults.Rules());

        var stored = await ReadAsync(Dataset.StudentFeatures, AsOf, (s, where) => StudentFeaturesTable.Read(s, where, AsOf));
        Assert.Equal(expected.Count, result.RowsWritten);
        Assert.Equal(expected.Select(Text), stored.Select(Text));
        Assert.Equal(28, result.Inputs.Count);
    }

    [Fact]
    public async Task A_trained_model_is_stored_with_its_card_published_and_scores_name_its_version()
    {
        await Assert.ThrowsAsync<MissingInputException>(async () =>
        {
            await _steps.RunAsync(FeaturesDescriptor.StepName, AsOf);
            await _steps.RunAsync(ScoreStudentsDescriptor.StepName, AsOf);
        });

        var train = await _steps.RunAsync(TrainDropoutDescriptor.StepName, AsOf);
        var models = new ModelStore(_store);
        var version = ModelStore.VersionFor(AsOf);
        var card = await models.CardAsync(ModelStore.Dropout, version, CancellationToken.None);
        Assert.True(card.Published, card.Decision);
        Assert.Equal(version, await models.PublishedVersionAsync(ModelStore.Dropout, CancellationToken.None));
        Assert.Equal(StudentFeatures.Names, card.Features);
        Assert.True(card.Evaluation.Split.Trains(card.Evaluation.Split.Cutoff.AddDays(-8)));
        Assert.Empty(train.Warnings);
        var features = await ReadTextAsync(ModelStore.Folder(ModelStore.Dropout, version) + "features.json");
        Assert.Equal(StudentFeatures.Names, JsonSerializer.Deserialize<string[]>(features));

        for (var day = FeatureWindow.FirstDate(AsOf); day <= AsOf; day = day.AddDays(1))
            await _steps.RunAsync(CoursesDescriptor.StepName, day);
        await _steps.RunAsync(ScoreStudentsDescriptor.StepName, AsOf);
        var risks = await ReadAsync(Dataset.StudentRisk, AsOf, StudentRiskTable.Read);
        // Each student's courses are those of their events of the 28 days.
        var events = new List<SilverEventRow>();
        for (var day = FeatureWindow.FirstDate(AsOf); day <= AsOf; day = day.AddDays(1))
            events.AddRange(await ReadAsync(Dataset.SilverEvents, day, SilverEventsFileReader.ReadAll));
        var courses = events.Where(e => e.CourseId is not null).GroupBy(e => e.StudentHash)
            .ToDictionary(g => g.Key, g => string.Join(';', g.Select(e => e.CourseId!).Distinct().Order(StringComparer.Ordinal)));
        Assert.All(risks, r => Assert.Equal(courses.GetValueOrDefault(r.StudentHash) ?? "", r.Courses));
        Assert.Contains(risks, r => r.Courses.Contains(';'));
        Assert.NotEmpty(risks);
        Assert.All(risks, r =>
        {
            Assert.Equal(version, r.ModelVersion);
            Assert.Equal(RiskBand.Of(r.Risk), r.Band);
            Assert.InRange(r.Risk, 0, 1);
        });
        Assert.All(risks.Where(r => r.Band == RiskBand.High), r => Assert.NotEmpty(r.Reasons));

        // Trained again as of the same date: the same version, the same card, the same scores.
        var metrics = await ReadTextAsync(ModelStore.Folder(ModelStore.Dropout, version) + "metrics.json");
        await _steps.RunAsync(TrainDropoutDescriptor.StepName, AsOf);
        Assert.Equal(metrics, await ReadTextAsync(ModelStore.Folder(ModelStore.Dropout, version) + "metrics.json"));
        await _steps.RunAsync(ScoreStudentsDescriptor.StepName, AsOf);
        Assert.Equal(risks, await ReadAsync(Dataset.StudentRisk, AsOf, StudentRiskTable.Read));

        // A week later: judged beside the published one on the same dates, and scores carry last week's risk.
        var later = AsOf.AddDays(7);
        await _steps.RunAsync(TrainDropoutDescriptor.StepName, later);
        var next = await models.CardAsync(ModelStore.Dropout, ModelStore.VersionFor(later), CancellationToken.None);
        Assert.Equal(version, next.PreviousVersion);
        Assert.NotNull(next.PreviousOnTheSameRows);
        Assert.Equal(next.Evaluation.Model.Count, next.PreviousOnTheSameRows!.Count);
        await _steps.RunAsync(FeaturesDescriptor.StepName, later);
        await _steps.RunAsync(ScoreStudentsDescriptor.StepName, later);
        var laterRisks = await ReadAsync(Dataset.StudentRisk, later, StudentRiskTable.Read);
        var before = risks.ToDictionary(r => r.StudentHash, r => r.Risk);
        Assert.All(laterRisks, r => Assert.Equal(before.TryGetValue(r.StudentHash, out var b) ? b : null, r.RiskWeekAgo));
        Assert.Contains(laterRisks, r => r.Trend is not null);
        Assert.Equal(2, (await models.ListAsync(ModelStore.Dropout, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Sessions_are_scored_by_the_published_detector_and_the_rules_with_why()
    {
        await Assert.ThrowsAsync<MissingInputException>(() => _steps.RunAsync(ScoreSessionsDescriptor.StepName, AsOf));
        await _steps.RunAsync(TrainAnomalyDescriptor.StepName, AsOf);
        var models = new ModelStore(_store);
        var version = ModelStore.VersionFor(AsOf);
        Assert.Equal(version, await models.PublishedVersionAsync(ModelStore.Anomaly, CancellationToken.None));
        var card = await models.CardAsync<AnomalyCard>(ModelStore.Anomaly, version, CancellationToken.None);
        Assert.InRange(card.FlaggedShare, 0.005, 0.03);

        var result = await _steps.RunAsync(ScoreSessionsDescriptor.StepName, AsOf);
        var scores = await ReadAsync(Dataset.SessionScores, AsOf, SessionScoresTable.Read);
        var sessions = await ReadAsync(Dataset.Sessions, AsOf, SessionsTable.Read);
        Assert.Equal(sessions.Select(s => s.SessionId), scores.Select(s => s.SessionId));
        Assert.Equal(sessions.Count, result.RowsWritten);
        Assert.All(scores, s =>
        {
            Assert.Equal(version, s.ModelVersion);
            Assert.Equal(s.AnomalyScore > card.Threshold || s.Flags.Length > 0, s.Anomalous);
            Assert.Equal(s.Anomalous, s.Why.Length > 0);
            Assert.Null(s.EarlyWarning); // no early warning published yet
        });

        // With an early warning published, every session still running five minutes in gets its probability.
        await _steps.RunAsync(TrainEarlyWarningDescriptor.StepName, AsOf);
        var warning = await models.CardAsync<EarlyWarningCard>(ModelStore.EarlyWarning, version, CancellationToken.None);
        Assert.True(warning.Published, warning.Decision);
        await _steps.RunAsync(ScoreSessionsDescriptor.StepName, AsOf);
        var warned = await ReadAsync(Dataset.SessionScores, AsOf, SessionScoresTable.Read);
        var running = sessions.Where(s => s.SessionEnd - s.SessionStart >= 5 * 60_000_000L).Select(s => s.SessionId).ToHashSet();
        Assert.All(warned, s => Assert.Equal(running.Contains(s.SessionId), s.EarlyWarning is not null));
        Assert.All(warned.Where(s => s.EarlyWarning is not null), s => Assert.InRange(s.EarlyWarning!.Value, 0, 1));
        Assert.Contains(scores, s => s.Anomalous);
        Assert.Contains(scores, s => !s.Anomalous);
    }

    private static string Text(StudentFeatures f) => $"{f.StudentHash}: {string.Join(' ', f.Values)}";

    private async Task<IReadOnlyList<T>> ReadAsync<T>(Dataset dataset, DateOnly date, Func<Stream, string, IReadOnlyList<T>> read)
    {
        await using var stream = await _store.OpenReadAsync(dataset.PartKey(date));
        return read(stream, dataset.PartKey(date));
    }

    private async Task<string> ReadTextAsync(string key)
    {
        await using var stream = await _store.OpenReadAsync(key);
        return await new StreamReader(stream).ReadToEndAsync();
    }
}
