using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Server.Operations;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Tests.Scheduling;

/// <summary>
/// The shipped engagement DAGs through the real scheduler and the real steps: paused as shipped, a backfill of
/// engagement_models trains and publishes both models and scores its date; one of engagement_scores scores the days
/// after with them, each row naming the model version.
/// </summary>
public sealed class EngagementDagsTests
{
    [Fact]
    public async Task The_weekly_dag_trains_and_publishes_and_the_daily_dag_scores_with_what_it_published()
    {
        var folder = Directory.CreateTempSubdirectory("engagement-dags-").FullName;
        try
        {
            var sample = new SampleOptions(SampleOptions.DefaultStart, Days: 60, Students: 150, Seed: 9, EdgeCases: false, TailDays: 1,
                Story: new EngagementStory());
            await StorySample.SessionsAsync(folder, sample, parallelism: 2, CancellationToken.None);
            var trainedAsOf = sample.Start.AddDays(55);
            await using var db = TestDatabase.Sqlite();
            await using var h = await SchedulerHarness.StartAsync(db, Shipped("engagement_models"),
                sample.ArrivalEnd.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc));
            await h.Dags.SaveAsync("engagement_scores", Shipped("engagement_scores"), "test", null, onlyIfChanged: true,
                CancellationToken.None);
            var workers = new PipelineWorkers(h, folder, StepSettings.DevelopmentHashKey, new Random(1));

            await BackfillAsync(h, "engagement_models", trainedAsOf, trainedAsOf);
            await RunUntilIdleAsync(h, workers);
            await BackfillAsync(h, "engagement_scores", trainedAsOf.AddDays(1), trainedAsOf.AddDays(3));
            await RunUntilIdleAsync(h, workers);

            var runs = await h.RunsAsync();
            Assert.Equal(4, runs.Count);
            await using (var meta = await h.Dbs.CreateDbContextAsync())
            {
                var errors = await meta.Tries.AsNoTracking().Where(t => t.Error != null).Select(t => t.Error).ToListAsync();
                Assert.All(runs, r => Assert.True(r.State == RunState.Success,
                    $"{r.DagId} {r.LogicalDate:yyyy-MM-dd} is {r.State}: {string.Join(" | ", errors.Distinct())}"));
            }
            var store = new LocalObjectStore(folder);
            var models = new ModelStore(store);
            var version = ModelStore.VersionFor(trainedAsOf);
            Assert.Equal(version, await models.PublishedVersionAsync(ModelStore.Dropout, CancellationToken.None));
            Assert.Equal(version, await models.PublishedVersionAsync(ModelStore.Anomaly, CancellationToken.None));
            for (var date = trainedAsOf; date <= trainedAsOf.AddDays(3); date = date.AddDays(1))
            {
                await using (var risk = await store.OpenReadAsync(Dataset.StudentRisk.PartKey(date)))
                    Assert.All(StudentRiskTable.Read(risk, "risk"), r => Assert.Equal(version, r.ModelVersion));
                await using var sessions = await store.OpenReadAsync(Dataset.SessionScores.PartKey(date));
                Assert.NotEmpty(SessionScoresTable.Read(sessions, "sessions"));
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static string Shipped(string dag)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", $"{dag}.json")))!.AsObject();
        Assert.True(json["paused_on_creation"]!.GetValue<bool>(), $"{dag} ships paused");
        return json.ToJsonString();
    }

    private static Task BackfillAsync(SchedulerHarness h, string dag, DateOnly from, DateOnly to) =>
        h.Backfills.CreateAsync(dag, new BackfillRequest(from, to, ReprocessMode.Missing, 2, DryRun: false, null), CancellationToken.None);

    private static async Task RunUntilIdleAsync(SchedulerHarness h, PipelineWorkers workers)
    {
        var idle = 0;
        for (var i = 0; i < 500; i++)
        {
            await h.PassAsync();
            if (await workers.RunOneAsync()) { idle = 0; continue; }
            await using (var meta = await h.Dbs.CreateDbContextAsync())
                if (!await meta.Runs.AnyAsync(r => r.State == RunState.Queued || r.State == RunState.Running) && ++idle >= 3) return;
            h.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        throw new TimeoutException("the scheduler never became idle");
    }
}
