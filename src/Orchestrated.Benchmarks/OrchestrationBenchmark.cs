using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Operations;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Benchmarks;

/// <summary>
/// Measures what orchestration itself costs, with steps that do nothing: the overhead per task of a run going
/// through scheduler → broker → worker → report → scheduler, tasks per second under a backfill, and the time to plan
/// and queue a year of runs. The server and a worker run in this process; over RabbitMQ every message crosses the broker.
/// </summary>
public static class OrchestrationBenchmark
{
    private const string Dag = "noop_chain";
    private static readonly string[] Tasks = ["a", "b", "c", "d"];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("orchestrated-bench-").FullName;
        try
        {
            await using var app = await StartServerAsync(options, folder);
            var dbs = app.Services.GetRequiredService<IDbContextFactory<MetadataDb>>();
            var runs = app.Services.GetRequiredService<RunOperations>();
            var backfills = app.Services.GetRequiredService<BackfillOperations>();
            Console.WriteLine($"transport: {(options.RabbitMq is null ? "in-memory" : $"RabbitMQ at {options.RabbitMq}")}, metadata: " +
                $"{(options.Postgres is null ? "SQLite" : "PostgreSQL")}, {Environment.ProcessorCount} cores");

            // Warm-up: first messages pay for connections, JIT and query compilation.
            await WaitForRunAsync(dbs, (await runs.TriggerAsync(Dag, new DateOnly(2020, 1, 1), null, null, default)).Id);

            // 1. Overhead per task: runs one at a time, a chain of four no-op tasks each.
            var latencies = new List<double>();
            for (var i = 0; i < options.SingleRuns; i++)
            {
                var clock = Stopwatch.StartNew();
                await WaitForRunAsync(dbs, (await runs.TriggerAsync(Dag, new DateOnly(2020, 2, 1).AddDays(i), null, null, default)).Id);
                latencies.Add(clock.Elapsed.TotalMilliseconds / Tasks.Length);
            }
            latencies.Sort();
            Console.WriteLine($"overhead per task (a run alone, {options.SingleRuns} runs): " +
                $"median {latencies[latencies.Count / 2]:F1} ms, p90 {latencies[(int)(latencies.Count * 0.9)]:F1} ms");

            // 2. Planning a year: the dry run, then creating the backfill with all its runs.
            var from = new DateOnly(2021, 1, 1);
            var to = from.AddDays(options.Days - 1);
            var planClock = Stopwatch.StartNew();
            var plan = await backfills.CreateAsync(Dag,
                new BackfillRequest(from, to, ReprocessMode.Missing, options.Concurrency, DryRun: true, null), default);
            var planMs = planClock.Elapsed.TotalMilliseconds;
            var createClock = Stopwatch.StartNew();
            var created = await backfills.CreateAsync(Dag,
                new BackfillRequest(from, to, ReprocessMode.Missing, options.Concurrency, DryRun: false, null), default);
            var createMs = createClock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"plan a {options.Days}-day backfill (dry run): {planMs:F0} ms; " +
                $"plan and queue it ({plan.Plan.Count} runs): {createMs:F0} ms");

            // 3. Throughput: the backfill's runs through the scheduler, broker and worker.
            var runClock = Stopwatch.StartNew();
            await WaitForBackfillAsync(dbs, created.Backfill!.Id);
            var seconds = runClock.Elapsed.TotalSeconds;
            var taskCount = options.Days * Tasks.Length;
            Console.WriteLine($"backfill of {options.Days} runs × {Tasks.Length} tasks, {options.Concurrency} runs at once: " +
                $"{seconds:F1} s, {taskCount / seconds:F0} tasks/s");
            // 4. The grid with a year of runs: one page of 40 runs with their task states, through the API.
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            var page = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var clock = Stopwatch.StartNew();
                (await http.GetAsync($"/api/dags/{Dag}/runs?limit=40")).EnsureSuccessStatusCode();
                page.Add(clock.Elapsed.TotalMilliseconds);
            }
            page.Sort();
            Console.WriteLine($"grid page (40 of {options.Days + options.SingleRuns + 1} runs with task states): " +
                $"median {page[page.Count / 2]:F1} ms");
            await app.StopAsync();
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<WebApplication> StartServerAsync(BenchmarkOptions options, string folder)
    {
        var workflows = Path.Combine(folder, "workflows");
        Directory.CreateDirectory(workflows);
        await File.WriteAllTextAsync(Path.Combine(workflows, $"{Dag}.json"), NoOpDag().ToJsonString());
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Orchestrated:Storage"] = Path.Combine(folder, "data"),
            ["Orchestrated:Scheduler:WorkflowsFolder"] = workflows,
            ["Orchestrated:Database:Provider"] = options.Postgres is null ? "Sqlite" : "Postgres",
            ["Orchestrated:Database:ConnectionString"] = options.Postgres ?? $"Data Source={Path.Combine(folder, "meta.db")}",
            ["Orchestrated:Worker:Concurrency"] = "16",
        };
        if (options.RabbitMq is { } rabbit)
        {
            var parts = rabbit.Split(':');
            settings["Orchestrated:Broker:Transport"] = "RabbitMq";
            settings["Orchestrated:Broker:Host"] = parts[0];
            settings["Orchestrated:Broker:Port"] = parts.Length > 1 ? parts[1] : "5672";
            settings["Orchestrated:Server:HostWorkers"] = "true";
            settings["Orchestrated:Auth:AllowAnonymous"] = "true"; // in-process and never exposed
        }
        return await InProcessServer.StartAsync(settings);
    }

    private static JsonObject NoOpDag() => new()
    {
        ["id"] = Dag,
        ["description"] = "Four no-op tasks in a chain.",
        ["schedule"] = new JsonObject { ["cron"] = "0 2 * * *", ["time_zone"] = "UTC" },
        ["start_date"] = "2099-01-01",
        ["catchup"] = false,
        ["max_active_runs"] = 16,
        ["default_task_settings"] = new JsonObject { ["retries"] = 0 },
        ["tasks"] = new JsonArray(Tasks.Select((t, i) => (JsonNode)new JsonObject
        {
            ["id"] = t, ["step"] = "noop", ["upstream"] = i == 0 ? new JsonArray() : new JsonArray(Tasks[i - 1]),
        }).ToArray()),
    };

    private static async Task WaitForRunAsync(IDbContextFactory<MetadataDb> dbs, long runId)
    {
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync();
            var state = await db.Runs.Where(r => r.Id == runId).Select(r => r.State).SingleAsync();
            if (state.IsFinished())
            {
                if (state != RunState.Success) throw new InvalidOperationException($"run {runId} ended {state}");
                return;
            }
            await Task.Delay(5);
        }
    }

    private static async Task WaitForBackfillAsync(IDbContextFactory<MetadataDb> dbs, long backfillId)
    {
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync();
            var state = await db.Backfills.Where(b => b.Id == backfillId).Select(b => b.State).SingleAsync();
            if (state != BackfillState.Running) return;
            await Task.Delay(50);
        }
    }
}
