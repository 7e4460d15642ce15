using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Domain.Sessions;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Tests.Engagement;

/// <summary>
/// The session anomaly detector on a story sample no one tuned it on (seed 2028): trained on four weeks of sessions no
/// rule flags, it flags the scripted sessions of the days after (which it never saw) and about its contamination of
/// the others; the same sessions and seed give the same detector.
/// </summary>
public sealed class AnomalyDetectorTests : IAsyncLifetime
{
    private const double Contamination = 0.01;
    private readonly string _folder = Directory.CreateTempSubdirectory("anomaly-").FullName;
    private List<SessionProfile> _training = [];
    private List<SessionProfile> _later = [];

    public async Task InitializeAsync()
    {
        var options = new SampleOptions(SampleOptions.DefaultStart, Days: 42, Students: 300, Seed: 2028, EdgeCases: false, TailDays: 1,
            Story: new EngagementStory());
        await StorySample.SessionsAsync(_folder, options, parallelism: 2, CancellationToken.None);
        var events = new SessionEvents(new LocalObjectStore(_folder), SessionRules.Default, []);
        for (var day = 0; day < 42; day++)
        {
            var profiles = await events.ProfilesAsync(options.Start.AddDays(day), CancellationToken.None);
            (day < 28 ? _training : _later).AddRange(profiles);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Trained_on_what_no_rule_flags_it_flags_the_scripted_sessions_it_never_saw()
    {
        var clean = _training.Where(p => SessionAnomalyRules.Apply(p).Count == 0).ToList();
        var detector = AnomalyDetector.Train(clean, Contamination);

        var scores = detector.Scores(_later);
        var scripted = Enumerable.Range(0, _later.Count)
            .Where(i => SessionAnomalyRules.Apply(_later[i]).Any(f => f.Flag == SessionAnomalyRules.MachineRegular)).ToList();
        var ordinary = Enumerable.Range(0, _later.Count).Where(i => SessionAnomalyRules.Apply(_later[i]).Count == 0).ToList();
        Assert.True(scripted.Count >= 5, $"{scripted.Count} scripted sessions in the later days");
        var caught = scripted.Count(i => scores[i] > detector.Threshold) / (double)scripted.Count;
        var flaggedOrdinary = ordinary.Count(i => scores[i] > detector.Threshold) / (double)ordinary.Count;
        Assert.True(caught >= 0.9, $"{caught:P0} of the scripted sessions flagged");
        // The threshold holds on later days: about the contamination of ordinary sessions, not ML.NET's default 0.5.
        Assert.InRange(flaggedOrdinary, Contamination / 3, Contamination * 3);
    }

    [Fact]
    public void The_same_sessions_and_seed_give_the_same_detector()
    {
        var clean = _training.Where(p => SessionAnomalyRules.Apply(p).Count == 0).ToList();
        var first = AnomalyDetector.Train(clean, Contamination);
        var second = AnomalyDetector.Train(clean, Contamination);
        Assert.Equal(first.Threshold, second.Threshold);
        Assert.Equal(first.Scores(_later), second.Scores(_later));
        using var stream = new MemoryStream();
        first.Save(stream);
        stream.Position = 0;
        Assert.Equal(first.Scores(_later), AnomalyDetector.Load(stream, first.Threshold).Scores(_later));
    }
}
