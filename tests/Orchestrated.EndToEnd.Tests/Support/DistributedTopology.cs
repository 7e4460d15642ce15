using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Orchestrated.Testing;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Pipeline.Sample;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>
/// The distributed topology as local processes: the workflow server with PostgreSQL metadata and two worker services,
/// all over a real RabbitMQ (a virtual host of their own) and one storage folder. Each scenario uses its own window
/// of dates, days apart, so scenarios never read each other's partitions.
/// </summary>
public class DistributedTopology : IAsyncLifetime
{
    public static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    public string Folder { get; } = Directory.CreateTempSubdirectory("orchestrated-e2e-").FullName;
    public string Storage => Path.Combine(Folder, "storage");
    public string Staging => Path.Combine(Folder, "staging");
    public HttpClient Api { get; private set; } = null!;
    public WebhookReceiver Webhook { get; } = new();
    public ServiceProcess Server { get; private set; } = null!;
    public Dictionary<string, ServiceProcess> Workers { get; } = [];
    public string VirtualHost { get; private set; } = "";
    public string BrokerUser { get; private set; } = "";
    /// <summary>Secrets the processes are given, which no log line may contain.</summary>
    public string BrokerPassword { get; private set; } = "";
    public string StudentHashKey { get; } = "hash-key-" + Guid.NewGuid().ToString("N");
    public string ApiKey { get; } = "api-key-" + Guid.NewGuid().ToString("N");
    public IEnumerable<ServiceProcess> Processes => Workers.Values.Append(Server);
    private string _database = "";
    private Dictionary<string, string> _environment = [];

    /// <summary>The sample each scenario window uses; generated before the processes start (the scheduled one must exist then).</summary>
    public static SampleOptions Window(DateOnly start, int days, int students = 60) =>
        new(start, days, students, Seed: start.DayNumber, EdgeCases: days >= 3);

    public static readonly SampleOptions Scheduled = Window(Yesterday, 1);
    public static readonly SampleOptions Backfilled = Window(Yesterday.AddDays(-12), 5);
    public static readonly SampleOptions LateArrival = Window(Yesterday.AddDays(-20), 1);
    public static readonly SampleOptions Heavy = Window(Yesterday.AddDays(-30), 1, students: 30_000);
    public static readonly SampleOptions Restarted = Window(Yesterday.AddDays(-40), 1, students: 3_000);
    public static readonly SampleOptions Duplicated = Window(Yesterday.AddDays(-50), 1);
    public static readonly DateOnly NeverArrives = Yesterday.AddDays(-60);
    public static readonly SampleOptions Stopped = Window(Yesterday.AddDays(-70), 1, students: 30_000);
    /// <summary>Nine weeks of students with an engagement story, far from the other windows, run in batch before the
    /// processes start: what the engagement DAGs train on.</summary>
    public static readonly SampleOptions Story = new(Yesterday.AddDays(-200), Days: 60, Students: 300, Seed: 11, EdgeCases: false,
        TailDays: 1, Story: new EngagementStory());

    public async Task InitializeAsync()
    {
        await WriteSamplesAsync();

        (VirtualHost, BrokerUser, BrokerPassword) = await Broker.CreateVirtualHostAsync();
        PostgresServer = await TestServices.PostgresAsync();
        Rabbit = await Broker.ServiceAsync();
        _database = "orchestrated_e2e_" + Guid.NewGuid().ToString("N")[..10];
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var workflows = Path.Combine(Folder, "workflows");
        Directory.CreateDirectory(workflows);
        await File.WriteAllTextAsync(Path.Combine(workflows, "session_duration.json"), TestDag());
        foreach (var shipped in new[] { "engagement_models.json", "engagement_scores.json" }) // as shipped: paused
            File.Copy(Path.Combine(AppContext.BaseDirectory, "workflows", shipped), Path.Combine(workflows, shipped));

        _environment = new Dictionary<string, string>(StorageEnvironment())
        {
            ["Orchestrated__Storage"] = StorageRoot,
            ["Orchestrated__Broker__Transport"] = "RabbitMq",
            ["Orchestrated__Broker__Host"] = Rabbit.Host,
            ["Orchestrated__Broker__Port"] = Rabbit.Port.ToString(),
            ["Orchestrated__Broker__VirtualHost"] = VirtualHost,
            ["Orchestrated__Broker__Username"] = BrokerUser,
            ["Orchestrated__Broker__Password"] = BrokerPassword,
            ["Orchestrated__StudentHashKey"] = StudentHashKey,
        };
        var apiPort = FreePort();
        var server = new Dictionary<string, string>(_environment)
        {
            ["Urls"] = $"http://127.0.0.1:{apiPort}",
            ["Orchestrated__Database__Provider"] = "Postgres",
            ["Orchestrated__Database__ConnectionString"] =
                new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _database }.ConnectionString,
            ["Orchestrated__Scheduler__WorkflowsFolder"] = workflows,
            ["Orchestrated__Scheduler__TickInterval"] = "00:00:00.500",
            ["Orchestrated__Scheduler__HeartbeatInterval"] = "00:00:01",
            ["Orchestrated__Scheduler__HeartbeatTimeout"] = "00:00:10",
            ["Orchestrated__Scheduler__QueuedTimeout"] = "00:00:20",
            ["Orchestrated__Alerts__Webhooks__0"] = Webhook.Url,
            ["Orchestrated__Auth__ApiKeys__0__Name"] = "e2e-tests",
            ["Orchestrated__Auth__ApiKeys__0__Key"] = ApiKey,
            ["Orchestrated__Auth__ApiKeys__0__Role"] = "Operator",
        };
        Server = new ServiceProcess("server", RepositoryPaths.ServerDll, [], server, Folder);
        StartWorker("worker-a");
        StartWorker("worker-b");
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await WaitUntilAsync(async () =>
        {
            try { return (await Api.GetAsync("/health")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60), "the server to answer /health");
    }

    public Dictionary<string, string> WorkerHealth { get; } = [];

    /// <summary>What the processes get as their storage root, and the settings that reach it.</summary>
    protected virtual string StorageRoot => Storage;

    protected virtual IEnumerable<KeyValuePair<string, string>> StorageEnvironment() => [];

    /// <summary>The raw data of every scenario window, written before the processes start.</summary>
    protected virtual async Task WriteSamplesAsync()
    {
        Directory.CreateDirectory(Storage);
        foreach (var sample in new[] { Scheduled, Backfilled, Heavy, Restarted, Duplicated, Stopped })
            SampleDataGenerator.Write(Storage, sample);
        SampleDataGenerator.Write(Staging, LateArrival); // moved into storage when the test says the data arrived
        await StorySample.SessionsAsync(Storage, Story, parallelism: 2, CancellationToken.None);
    }

    public void StartWorker(string name)
    {
        if (Workers.TryGetValue(name, out var old)) old.Dispose();
        WorkerHealth[name] = $"http://127.0.0.1:{FreePort()}";
        Workers[name] = new ServiceProcess(name, RepositoryPaths.WorkerDll,
            ["--name", name, "--concurrency", "1", "--Urls", WorkerHealth[name]], _environment, Folder);
    }

    /// <summary>
    /// The shipped DAG, scheduled every minute from yesterday (so the first pass creates yesterday's run), quick retries.
    /// </summary>
    private static string TestDag()
    {
        var dag =
            JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "session_duration.json")))!.AsObject();
        dag["schedule"] = new JsonObject { ["cron"] = "* * * * *", ["time_zone"] = "UTC", ["lag_days"] = 1 };
        dag["start_date"] = Yesterday.ToString("yyyy-MM-dd");
        dag["catchup"] = false;
        dag["max_active_runs"] = 4;
        dag["default_task_settings"] = new JsonObject
        {
            ["retries"] = 3, ["retry_delay"] = "1s", ["retry_exponential_backoff"] = false, ["max_retry_delay"] = "1s",
            ["execution_timeout"] = "5m", ["sla"] = "5m",
        };
        return dag.ToJsonString();
    }

    public async Task<JsonElement> GetAsync(string url) => (await Api.GetFromJsonAsync<JsonElement>(url));

    public async Task<JsonElement> PostAsync(string url, object body)
    {
        var response = await Api.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> WaitForAsync(string url, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        JsonElement last = default;
        await WaitUntilAsync(async () =>
        {
            var response = await Api.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.NotFound) return false; // not created yet (a queued run has no task instances)
            response.EnsureSuccessStatusCode();
            last = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return done(last);
        }, timeout, $"{url} to reach the expected state (last: {last})");
        return last;
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            if (Server is { HasExited: true }) throw new InvalidOperationException($"The server exited:\n{Tail(Server.Log())}");
            await Task.Delay(200);
        }
        throw new TimeoutException($"Timed out waiting for {what}.\nServer log:\n{Tail(Server.Log())}");
    }

    public async Task<JsonElement> RunToFinishAsync(long runId, TimeSpan? timeout = null) =>
        await WaitForAsync($"/api/runs/{runId}", r => r.GetProperty("state").GetString() is "success" or "failed" or "cancelled",
            timeout ?? TimeSpan.FromSeconds(120));

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(40));

    private string PostgresServer { get; set; } = "";
    public RabbitMqService Rabbit { get; private set; } = null!;

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        foreach (var worker in Workers.Values) worker.Dispose();
        Server?.Dispose();
        Webhook.Dispose();
        if (VirtualHost != "")
            try { await Broker.DeleteVirtualHostAsync(VirtualHost); } catch (Exception) { /* best effort */ }
        if (_database != "")
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        var keep = Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_KEEP_LOGS");
        if (keep is not null)
            foreach (var log in Directory.GetFiles(Folder, "*.log"))
                File.Copy(log, Path.Combine(keep, Path.GetFileName(log)), overwrite: true);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
