using System.Text.Json;
using MassTransit;
using Orchestrated.Contracts;
using Orchestrated.EndToEnd.Tests.Support;
using Orchestrated.Storage.Layout;

namespace Orchestrated.EndToEnd.Tests;

/// <summary>
/// The server and two worker processes over RabbitMQ, PostgreSQL as the metadata database: scheduled runs, backfills,
/// retries, a killed worker, a duplicate delivery, a broker restart, alerts — outputs checked against in-process runs.
/// </summary>
public sealed class DistributedRunTests(DistributedTopology topology) : IClassFixture<DistributedTopology>
{
    private const string Dag = "session_duration";

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<long> TriggerAsync(DateOnly date) =>
        (await topology.PostAsync($"/api/dags/{Dag}/runs", new { logicalDate = Date(date) })).GetProperty("id").GetInt64();

    private Task<JsonElement> TaskAsync(long runId, string task) => topology.GetAsync($"/api/runs/{runId}/tasks/{task}");

    private static void AssertSucceeded(JsonElement run)
    {
        Assert.Equal("success", run.GetProperty("state").GetString());
        Assert.All(run.GetProperty("tasks").EnumerateObject(), t => Assert.Equal("success", t.Value.GetString()));
    }

    [Fact]
    public async Task Server_and_workers_are_ready_only_with_their_broker_storage_and_database()
    {
        using var http = new HttpClient();
        async Task<JsonElement> ReadyAsync(string url, string who)
        {
            JsonElement ready = default;
            await topology.WaitUntilAsync(async () =>
            {
                try
                {
                    // 503 while a dependency is not ready yet; the body says which.
                    using var response = await http.GetAsync($"{url}/health/ready");
                    ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    return response.IsSuccessStatusCode && ready.GetProperty("status").GetString() == "healthy";
                }
                catch (HttpRequestException) { return false; }
            }, TimeSpan.FromSeconds(60), $"{who} to be ready");
            return ready;
        }
        var server = await ReadyAsync(topology.Api.BaseAddress!.ToString().TrimEnd('/'), "the server");
        Assert.Equal(["masstransit-bus", "metadata-db", "storage"],
            server.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
        foreach (var (name, url) in topology.WorkerHealth)
            Assert.Equal(["masstransit-bus", "storage"],
                (await ReadyAsync(url, name)).GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
    }

    [Fact]
    public async Task No_log_line_of_a_full_run_contains_a_secret()
    {
        var date = DistributedTopology.Backfilled.Start.AddDays(-4); // no raw data: the run fails, its error paths log too
        var failing = await TriggerAsync(date);
        await topology.RunToFinishAsync(failing);
        var scheduled = await topology.WaitForAsync($"/api/dags/{Dag}/runs?limit=50",
            list => list.EnumerateArray()
                .Any(r => r.GetProperty("kind").GetString() == "scheduled" && r.GetProperty("state").GetString() == "success"),
            TimeSpan.FromSeconds(120));
        foreach (var process in topology.Processes)
        {
            var log = process.Log();
            Assert.False(string.IsNullOrWhiteSpace(log), $"{process.Name} wrote no log");
            Assert.DoesNotContain(topology.BrokerPassword, log);
            Assert.DoesNotContain(topology.StudentHashKey, log);
            Assert.DoesNotContain(topology.ApiKey, log);
        }
        Assert.Contains("\"TryId\"", topology.Workers.Values.First().Log()); // structured (JSON) logs carry the try id
    }

    [Fact]
    public async Task The_schedule_creates_yesterdays_run_and_the_workers_complete_it()
    {
        var runs = await topology.WaitForAsync($"/api/dags/{Dag}/runs?limit=10",
            list => list.EnumerateArray().Any(r => r.GetProperty("kind").GetString() == "scheduled"), TimeSpan.FromSeconds(60));
        var scheduled = runs.EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "scheduled");
        Assert.Equal(Date(DistributedTopology.Yesterday), scheduled.GetProperty("logicalDate").GetString());
        var run = await topology.RunToFinishAsync(scheduled.GetProperty("id").GetInt64());
        AssertSucceeded(run);
        var ingest = await TaskAsync(run.GetProperty("id").GetInt64(), "ingest_raw_events");
        Assert.Contains(ingest.GetProperty("tries")[0].GetProperty("worker").GetString(), new[] { "worker-a", "worker-b" });
    }

    [Fact]
    public async Task The_engagement_dags_run_on_the_workers_and_score_with_the_models_they_published()
    {
        var trainedAsOf = DistributedTopology.Story.Start.AddDays(55);
        foreach (var (dag, from, to) in new[] { ("engagement_models", trainedAsOf, trainedAsOf),
                     ("engagement_scores", trainedAsOf.AddDays(1), trainedAsOf.AddDays(2)) })
        {
            var backfill = await topology.PostAsync($"/api/dags/{dag}/backfills",
                new { from = Date(from), to = Date(to), reprocess = "missing", maxConcurrentRuns = 2 });
            var id = backfill.GetProperty("id").GetInt64();
            JsonElement done;
            try
            {
                done = await topology.WaitForAsync($"/api/backfills/{id}", b => b.GetProperty("state").GetString() != "running",
                    TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException)
            {
                var stuck = await topology.GetAsync($"/api/dags/{dag}/runs?backfill={id}&limit=50");
                var detail = new List<string> { stuck.ToString() };
                foreach (var r in stuck.EnumerateArray())
                    detail.Add((await topology.GetAsync($"/api/runs/{r.GetProperty("id").GetInt64()}")).ToString());
                throw new TimeoutException(string.Join("\n", detail) + "\n" + string.Join("\n",
                    topology.Workers.Values.Select(w => string.Join("\n", w.Log().Split('\n').TakeLast(15)))));
            }
            Assert.Equal("completed", done.GetProperty("state").GetString());
            var runs = (await topology.GetAsync($"/api/dags/{dag}/runs?backfill={id}&limit=50")).EnumerateArray().ToList();
            Assert.All(runs, r => Assert.Equal("success", r.GetProperty("state").GetString()));
        }
        var version = $"v{Date(trainedAsOf)}";
        Assert.Equal(version, (await topology.GetAsync("/api/engagement/models")).GetProperty("published").GetString());
        var risk = await topology.GetAsync($"/api/engagement/risk?date={Date(trainedAsOf.AddDays(2))}");
        Assert.Equal(Date(trainedAsOf.AddDays(2)), risk.GetProperty("date").GetString());
        Assert.Equal(version, risk.GetProperty("modelVersion").GetString());
        Assert.True(risk.GetProperty("scored").GetInt32() > 0);
        var sessions = await topology.GetAsync($"/api/engagement/sessions?date={Date(trainedAsOf.AddDays(2))}");
        Assert.Equal(Date(trainedAsOf.AddDays(2)), sessions.GetProperty("date").GetString());
        Assert.True(sessions.GetProperty("scored").GetInt32() > 0);
    }

    [Fact]
    public async Task A_five_day_backfill_at_concurrency_five_with_sessions_across_midnight_and_late_events_equals_the_clis_run()
    {
        var sample = DistributedTopology.Backfilled;
        var dates = Enumerable.Range(0, 5).Select(i => sample.Start.AddDays(i)).ToList();
        var backfill = await topology.PostAsync($"/api/dags/{Dag}/backfills",
            new { from = Date(dates[0]), to = Date(dates[^1]), reprocess = "missing", maxConcurrentRuns = 5 });
        var id = backfill.GetProperty("id").GetInt64();
        var done = await topology.WaitForAsync($"/api/backfills/{id}", b => b.GetProperty("state").GetString() != "running",
            TimeSpan.FromSeconds(300));
        Assert.Equal("completed", done.GetProperty("state").GetString());
        var runs = (await topology.GetAsync($"/api/dags/{Dag}/runs?backfill={id}&limit=50")).EnumerateArray().ToList();
        Assert.All(runs, r => Assert.Equal("success", r.GetProperty("state").GetString()));
        Assert.Equal(dates.Select(Date),
            runs.Where(r => r.GetProperty("kind").GetString() == "backfill").Select(r => r.GetProperty("logicalDate").GetString()).Order());
        // Whatever the interleaving of the five runs on two workers: a clean that ran before the arrival holding its
        // late events (the edge cases hold one two days late), or a sessionize before its neighbours, was re-run by
        // the backfill itself, which completed only after.
        Assert.All(runs.Where(r => r.GetProperty("kind").GetString() == "rerun"),
            r => Assert.StartsWith("stale — ", r.GetProperty("note").GetString()));

        var reference = await ReferenceRun.RunAsync(sample, dates, topology.StudentHashKey);
        ReferenceRun.AssertSameOutputs(reference, topology.Storage, dates);
    }

    [Fact]
    public async Task A_step_that_fails_twice_then_succeeds_keeps_both_failures_in_its_history()
    {
        var date = DistributedTopology.LateArrival.Start;
        var runId = await TriggerAsync(date);
        await topology.WaitForAsync($"/api/runs/{runId}/tasks/ingest_raw_events",
            t => t.GetProperty("failedTries").GetInt32() >= 2, TimeSpan.FromSeconds(60));
        // The raw files arrive late: the next try finds them.
        var folder = $"raw/events/date={Date(date)}";
        Directory.Move(Path.Combine(topology.Staging, folder), Path.Combine(topology.Storage, folder));

        var run = await topology.RunToFinishAsync(runId);
        AssertSucceeded(run);
        var tries = (await TaskAsync(runId, "ingest_raw_events")).GetProperty("tries").EnumerateArray().ToList();
        Assert.Equal(["failed", "failed", "success"], tries.Select(t => t.GetProperty("state").GetString()));
        Assert.All(tries.Take(2), t => Assert.Equal("MissingInputException", t.GetProperty("errorType").GetString()));
        Assert.Equal(["first", "retry", "retry"], tries.Select(t => t.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_worker_killed_mid_task_loses_nothing_the_other_worker_finishes_and_outputs_equal_a_clean_run()
    {
        var date = DistributedTopology.Heavy.Start;
        var runId = await TriggerAsync(date);
        var clean = await topology.WaitForAsync($"/api/runs/{runId}/tasks/clean_events",
            t => t.GetProperty("state").GetString() == "running"
                && t.GetProperty("tries").EnumerateArray().Last().GetProperty("worker").GetString() is not null,
            TimeSpan.FromSeconds(120));
        var victim = clean.GetProperty("tries").EnumerateArray().Last().GetProperty("worker").GetString()!;
        topology.Workers[victim].Kill();
        try
        {
            var run = await topology.RunToFinishAsync(runId, TimeSpan.FromSeconds(180));
            AssertSucceeded(run);
            var finished = await TaskAsync(runId, "clean_events");
            var lastTry = finished.GetProperty("tries").EnumerateArray().Last();
            Assert.Equal("success", lastTry.GetProperty("state").GetString());
            Assert.NotEqual(victim, lastTry.GetProperty("worker").GetString());
            Assert.Equal(0, finished.GetProperty("failedTries").GetInt32()); // a lost worker is not the task's fault

            var reference = await ReferenceRun.RunAsync(DistributedTopology.Heavy, [date], topology.StudentHashKey);
            ReferenceRun.AssertSameOutputs(reference, topology.Storage, [date]);
        }
        finally
        {
            topology.StartWorker(victim);
        }
    }

    [Fact]
    public async Task A_worker_stopped_mid_task_hands_its_try_back_and_another_worker_runs_it_at_once()
    {
        var date = DistributedTopology.Stopped.Start;
        var runId = await TriggerAsync(date);
        var clean = await topology.WaitForAsync($"/api/runs/{runId}/tasks/clean_events",
            t => t.GetProperty("state").GetString() == "running"
                && t.GetProperty("tries").EnumerateArray().Last().GetProperty("worker").GetString() is not null,
            TimeSpan.FromSeconds(120));
        var stopping = clean.GetProperty("tries").EnumerateArray().Last().GetProperty("worker").GetString()!;
        try
        {
            Assert.True(topology.Workers[stopping].Stop(TimeSpan.FromSeconds(40)), $"{stopping} did not stop within 40 s");
            var run = await topology.RunToFinishAsync(runId, TimeSpan.FromSeconds(180));
            AssertSucceeded(run);
            // The try comes back either as a hand-back report (then an infrastructure retry runs it) or, when the broker
            // requeues it first, as the same try redelivered to another worker. Either way: not the task's fault, and
            // finished elsewhere.
            var handedBack = await TaskAsync(runId, "clean_events");
            var tries = handedBack.GetProperty("tries").EnumerateArray().ToList();
            Assert.Equal("success", tries[^1].GetProperty("state").GetString());
            Assert.NotEqual(stopping, tries[^1].GetProperty("worker").GetString());
            Assert.All(tries.SkipLast(1), t => Assert.Equal("WorkerShutdown", t.GetProperty("errorType").GetString()));
            Assert.Equal(0, handedBack.GetProperty("failedTries").GetInt32());
        }
        finally
        {
            topology.StartWorker(stopping);
        }
    }

    [Fact]
    public async Task A_try_delivered_twice_runs_again_harmlessly_and_is_counted_once()
    {
        var date = DistributedTopology.Duplicated.Start;
        var runId = await TriggerAsync(date);
        AssertSucceeded(await topology.RunToFinishAsync(runId));
        var aggregate = await TaskAsync(runId, "compute_daily_session_stats");
        var first = aggregate.GetProperty("tries")[0];
        var gold = Path.Combine(topology.Storage, Dataset.DailyStats.PartKey(date));
        var bytes = await File.ReadAllBytesAsync(gold);
        var written = File.GetLastWriteTimeUtc(gold);

        // The broker delivers the same command again (a redelivery after a lost ack looks exactly like this).
        await SendAsync(new RunTaskTry
        {
            TryId = first.GetProperty("id").GetGuid(), RunId = runId, DagId = Dag, TaskId = "compute_daily_session_stats",
            Step = "aggregate", LogicalDate = date, TryNumber = 1, ExecutionTimeout = TimeSpan.FromMinutes(5),
            HeartbeatInterval = TimeSpan.FromSeconds(1), DispatchedAt = DateTimeOffset.UtcNow,
        });
        await topology.WaitUntilAsync(() => Task.FromResult(File.GetLastWriteTimeUtc(gold) > written), TimeSpan.FromSeconds(60),
            "the duplicate to rewrite the partition");
        await Task.Delay(1000); // its report reaches the server

        Assert.Equal(bytes, await File.ReadAllBytesAsync(gold));
        var after = await TaskAsync(runId, "compute_daily_session_stats");
        Assert.Equal(1, after.GetProperty("tries").GetArrayLength());
        Assert.Equal("success", after.GetProperty("state").GetString());
        AssertSucceeded(await topology.GetAsync($"/api/runs/{runId}"));
    }

    [Fact]
    public async Task A_broker_restart_mid_run_does_not_stop_the_run()
    {
        var date = DistributedTopology.Restarted.Start;
        var runId = await TriggerAsync(date);
        await topology.WaitForAsync($"/api/runs/{runId}/tasks/ingest_raw_events",
            t => t.GetProperty("state").GetString() is "running" or "success", TimeSpan.FromSeconds(60));
        // While the broker is down, neither the server nor a worker says it is ready (it once answered 200 throughout).
        await Broker.RestartAsync(TimeSpan.FromSeconds(1), async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var urls = topology.WorkerHealth.Values.Prepend(topology.Api.BaseAddress!.ToString().TrimEnd('/')).ToList();
            foreach (var url in urls)
                await topology.WaitUntilAsync(async () =>
                {
                    using var response = await http.GetAsync($"{url}/health/ready");
                    var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    return response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable
                        && body.GetProperty("checks").GetProperty("masstransit-bus").GetProperty("status").GetString() != "healthy";
                }, TimeSpan.FromSeconds(30), $"{url} to report not ready while the broker is down");
        });

        var run = await topology.RunToFinishAsync(runId, TimeSpan.FromSeconds(240));
        AssertSucceeded(run);
        var reference = await ReferenceRun.RunAsync(DistributedTopology.Restarted, [date], topology.StudentHashKey);
        ReferenceRun.AssertSameOutputs(reference, topology.Storage, [date]);
    }

    [Fact]
    public async Task A_task_failing_its_last_try_sends_exactly_one_alert_to_the_webhook()
    {
        var date = DistributedTopology.NeverArrives;
        var runId = await TriggerAsync(date);
        var run = await topology.RunToFinishAsync(runId);
        Assert.Equal("failed", run.GetProperty("state").GetString());

        bool IsOurs(JsonElement a) => a.GetProperty("alert").GetProperty("kind").GetString() == "TaskFailed"
                                      && a.GetProperty("alert").GetProperty("logical_date").GetString() == Date(date);
        await topology.WaitUntilAsync(() => Task.FromResult(topology.Webhook.Accepted.Any(IsOurs)), TimeSpan.FromSeconds(30),
            "the failure alert");
        await Task.Delay(TimeSpan.FromSeconds(3)); // several scheduler passes later, still one
        var alert = Assert.Single(topology.Webhook.Accepted, IsOurs);
        Assert.Contains("ingest_raw_events", alert.GetProperty("text").GetString());
        Assert.Contains("4 tries", alert.GetProperty("text").GetString());
    }

    private async Task SendAsync(RunTaskTry command)
    {
        var rabbit = topology.Rabbit;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(rabbit.Host, (ushort)rabbit.Port, topology.VirtualHost, h =>
        {
            h.Username(topology.BrokerUser);
            h.Password(topology.BrokerPassword);
        }));
        await bus.StartAsync();
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{StepQueues.For(command.Step)}"));
            await endpoint.Send(command);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
