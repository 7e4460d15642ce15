using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime;
using System.Text;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Live;
using Orchestrated.Domain.Sessions;
using Orchestrated.Execution.Telemetry;
using Orchestrated.Server.Streaming;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Parquet;
using RabbitMQ.Client;

namespace Orchestrated.Benchmarks;

/// <summary>
/// The real-time path under load: events posted over HTTP to the collector (checked, landed in the raw zone, appended
/// to RabbitMQ stream queues with confirms), read back by the stream sessionizer's partitions and written as Parquet
/// sessions — all in this process on this machine, against a real RabbitMQ. Prints the events per second end to end,
/// the close latency (the system's own metric: from the append of the entry whose time closed a session to the file
/// holding it being written), and checks the live sessions against the domain's over the same events.
/// </summary>
public static class StreamBenchmark
{
    private const string HashKey = "stream-benchmark-key";

    public static async Task<int> RunAsync(StreamBenchmarkOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("orchestrated-stream-bench-").FullName;
        var prefix = $"bench.events.{Guid.NewGuid():N}";
        var latencies = new List<double>();
        using var listener = Listen(latencies);
        try
        {
            Console.WriteLine($"stream benchmark: {options.Events:N0} events measured after {options.Warmup:N0} of warm-up, " +
                $"{options.Students:N0} students active at once, posts of {options.PostSize:N0}, {options.Posters} posters, " +
                $"{options.Partitions} partitions; RabbitMQ at {options.RabbitMq}; {Environment.ProcessorCount} cores");
            var generated = Stopwatch.StartNew();
            var (bodies, warm, lines) = Generate(options);
            Console.WriteLine($"generated in {generated.Elapsed.TotalSeconds:F1} s ({bodies.Sum(b => (long)b.Length) / 1048576.0:F0} MiB)");

            await using var app = await StartServerAsync(options, folder, prefix);
            var sessions = app.Services.GetRequiredService<StreamSessionsService>();
            await WaitAsync(() => sessions.Running.Count == options.Partitions, TimeSpan.FromSeconds(60), "the partitions to start");
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            // Warm-up, not timed: a server that has been up a while has compiled its hot code to its last tier (tiered
            // compilation with profile-guided optimization takes tens of seconds of load to settle), holds its connections
            // and has grown its heap. The JIT time left in the measured window is printed, to show it did settle.
            await PostAllAsync(http, bodies, 0, warm, options.Posters);
            await WaitAsync(() => sessions.Running.Values.Sum(p => p.EventsRead) >= options.Warmup, TimeSpan.FromMinutes(5), "the warm-up");
            // Not past half the idle timeout: an idle partition's watermark follows wall time, and the events are an hour old.
            await JitQuietAsync(TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, options.IdleTimeout.Ticks / 2)));
            lock (latencies) latencies.Clear();
            var total = options.Warmup + options.Events;
            var jit = JitInfo.GetCompilationTime();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var brokerCpu = BrokerCpu();

            var clock = Stopwatch.StartNew();
            await PostAllAsync(http, bodies, warm, bodies.Count, options.Posters);
            var posted = clock.Elapsed.TotalSeconds;
            await WaitAsync(() => sessions.Running.Values.Sum(p => p.EventsRead) >= total, TimeSpan.FromMinutes(10),
                "every event to be read");
            var read = clock.Elapsed.TotalSeconds;
            var ownCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var brokerUsed = BrokerCpu() - brokerCpu;
            var jitted = (JitInfo.GetCompilationTime() - jit).TotalSeconds;

            var expected = DomainSessions(lines, options);
            await WaitAsync(() => sessions.Running.Values.Sum(p => p.SessionsClosed) >= expected.Count, TimeSpan.FromMinutes(2),
                "every session to close (the idle rule closes the last ones)", () => $"{expected.Count} expected; " + string.Join("; ",
                    sessions.Running.Values.Select(p => $"p{p.Partition}: {p.SessionsClosed} closed, {p.OpenSessions} open, " +
                        $"{p.Held} held, " +
                        $"{p.LateEvents} late, watermark {Orchestrated.Domain.Time.UtcMicros.Format(p.Watermark)}")));
            var written = clock.Elapsed.TotalSeconds;
            var late = sessions.Running.Values.Sum(p => p.LateEvents);
            var live = LiveSessions(Path.Combine(folder, "data"));

            double[] closeLatencies;
            lock (latencies) closeLatencies = latencies.Order().ToArray();
            Console.WriteLine($"measured: {options.Events:N0} events after a warm-up of {options.Warmup:N0}");
            Console.WriteLine($"posted (collector answered every post): {posted:F1} s, {options.Events / posted:N0} events/s");
            Console.WriteLine($"end to end (every event read back and sessionized): {read:F1} s, {options.Events / read:N0} events/s, " +
                $"{options.Events / read / Environment.ProcessorCount:N0} events/s per core");
            Console.WriteLine($"CPU in the measured window: this process {ownCpu:F1} s ({ownCpu * 1e6 / options.Events:F1} µs an event, " +
                $"of it {jitted:F2} s compiling), the broker {(brokerUsed is { } b ? $"{b:F1} s" : "not found on this machine")}");
            Console.WriteLine($"close latency over {closeLatencies.Length:N0} sessions: p50 {Quantile(closeLatencies, 0.5):F2} s, " +
                $"p99 {Quantile(closeLatencies, 0.99):F2} s, max {closeLatencies.LastOrDefault():F2} s");
            Console.WriteLine($"every session written: {written:F1} s (the last ones close by the idle rule, " +
                $"{options.IdleTimeout.TotalSeconds:F0} s after the last post)");
            Console.WriteLine($"sessions: {live.Count:N0} live, {expected.Count:N0} from the domain over the same events; " +
                $"late events: {late:N0}; " +
                $"equal: {(live.SequenceEqual(expected) ? "yes" : "NO")}");
            Console.WriteLine($"peak working set of this process (server, collector, sessionizer): " +
                $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
            await app.StopAsync();
            return live.SequenceEqual(expected) ? 0 : 1;
        }
        finally
        {
            await DeleteQueuesAsync(options, prefix);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Event time runs at 500 events per second (a post of 5,000 covers 10 s, so posts appended out of order stay well
    /// within the two minutes' lateness), all of it over an hour ago so that the idle rule closes every session at the
    /// end. The warm-up's events come first, in bodies of their own. At any instant <c>--students</c> students are
    /// active, each for 20 minutes (an event every <c>students</c>/500 s), then leave for good: sessions close all
    /// along. Each event up to 20 s early (disorder).
    /// </summary>
    private static (List<byte[]> Bodies, int Warm, List<byte[]> Lines) Generate(StreamBenchmarkOptions options)
    {
        const double rate = 500, activeSeconds = 1200;
        var random = new Random(11);
        var total = options.Warmup + options.Events;
        var start = DateTime.UtcNow.AddHours(-1).AddSeconds(-total / rate);
        var arriving = options.Students / activeSeconds; // students per second of event time
        var devices = new[] { "desktop", "mobile", "tablet" };
        var lines = new List<byte[]>(total);
        var bodies = new List<byte[]>();
        var warm = 0;
        var body = new MemoryStream();
        for (var i = 0; i < total; i++)
        {
            var seconds = i / rate;
            var ts = start.AddSeconds(seconds).AddMilliseconds(-random.Next(0, 20_000));
            var student = (long)(seconds * arriving) + random.Next(options.Students);
            var line = Encoding.UTF8.GetBytes(
                $"{{\"event_id\":\"b-{i}\",\"student_id\":\"S{student}\",\"event_type\":\"page_view\"," +
                $"\"timestamp\":\"{ts:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"page_url\":\"/course/C{student % 40}/chapter/" +
                $"{random.Next(12)}/page/{random.Next(30)}\",\"device\":\"{devices[student % 3]}\"," +
                $"\"metadata\":{{\"time_spent_sec\":{random.Next(5, 300)}}}}}");
            lines.Add(line);
            body.Write(line);
            body.WriteByte((byte)'\n');
            var (first, last) = i < options.Warmup ? (0, options.Warmup - 1) : (options.Warmup, total - 1);
            if ((i + 1 - first) % options.PostSize != 0 && i != last) continue;
            bodies.Add(body.ToArray());
            body.SetLength(0);
            if (i == options.Warmup - 1) warm = bodies.Count;
        }
        return (bodies, warm, lines);
    }

    /// <summary>The sessions of the events in time order, by the domain (the batch's sessions, as LiveEqualsBatchTests shows).</summary>
    private static List<SessionRow> DomainSessions(List<byte[]> lines, StreamBenchmarkOptions options)
    {
        var rows = new List<SessionRow>();
        using var live = new LiveSessionizer(SessionRules.Default, Encoding.UTF8.GetBytes(HashKey), new LiveOptions(), rows.Add, _ => { });
        var parser = new RawEventParser(long.MaxValue);
        var parsed = new RawEvent();
        foreach (var line in lines)
            if (parser.Parse(line, parsed).IsAccepted) live.Add(parsed, parsed.TimestampMicros);
        live.Flush();
        rows.Sort(SessionRow.OutputOrder);
        return rows;
    }

    private static List<SessionRow> LiveSessions(string storage)
    {
        var rows = new List<SessionRow>();
        var root = Path.Combine(storage, Dataset.SessionsLive.Prefix);
        foreach (var file in Directory.Exists(root) ? Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories) : [])
        {
            using var stream = File.OpenRead(file);
            rows.AddRange(SessionsTable.Read(stream, file));
        }
        rows.Sort(SessionRow.OutputOrder);
        return rows;
    }

    /// <summary>Posts bodies [from, to) in order, <paramref name="posters"/> at a time (each takes the next one not yet taken).</summary>
    private static Task PostAllAsync(HttpClient http, List<byte[]> bodies, int from, int to, int posters)
    {
        var next = from - 1;
        return Task.WhenAll(Enumerable.Range(0, posters).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < to; i = Interlocked.Increment(ref next))
                await PostAsync(http, bodies[i], $"post {i}");
        }));
    }

    private static async Task PostAsync(HttpClient http, byte[] body, string what)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-ndjson");
        using var answer = await http.PostAsync("/api/events", content);
        if (!answer.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    }

    private static MeterListener Listen(List<double> latencies)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == OrchestratedTelemetry.LiveCloseLatencyName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (latencies) latencies.Add(value); });
        listener.Start();
        return listener;
    }

    /// <summary>Waits (at most <paramref name="within"/>) for the JIT to have compiled nothing for a while: tiering
    /// finishes in the background.</summary>
    private static async Task JitQuietAsync(TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        var step = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, within.Ticks / 2));
        var before = JitInfo.GetCompilationTime();
        while (deadline.Elapsed + step <= within)
        {
            await Task.Delay(step);
            var now = JitInfo.GetCompilationTime();
            if (now - before < TimeSpan.FromMilliseconds(5)) return;
            before = now;
        }
    }

    /// <summary>The CPU time of the RabbitMQ broker when it runs on this machine (its Erlang VM), else null.</summary>
    private static double? BrokerCpu()
    {
        var beams = Process.GetProcessesByName("beam.smp");
        try { return beams.Length == 0 ? null : beams.Sum(p => p.TotalProcessorTime.TotalSeconds); }
        finally { foreach (var p in beams) p.Dispose(); }
    }

    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];

    private static async Task WaitAsync(Func<bool> done, TimeSpan within, string what, Func<string>? state = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > within) throw new TimeoutException($"waited {within} for {what}; {state?.Invoke()}");
            await Task.Delay(20);
        }
    }

    private static async Task<WebApplication> StartServerAsync(StreamBenchmarkOptions options, string folder, string prefix)
    {
        var workflows = Directory.CreateDirectory(Path.Combine(folder, "workflows")).FullName;
        var (host, port) = options.Broker;
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Orchestrated:Storage"] = Path.Combine(folder, "data"),
            ["Orchestrated:StudentHashKey"] = HashKey,
            ["Orchestrated:Scheduler:WorkflowsFolder"] = workflows,
            ["Orchestrated:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "meta.db")}",
            ["Orchestrated:Broker:Transport"] = "RabbitMq",
            ["Orchestrated:Broker:Host"] = host,
            ["Orchestrated:Broker:Port"] = port.ToString(),
            ["Orchestrated:Auth:AllowAnonymous"] = "true", // in-process and never exposed
            ["Orchestrated:Collector:MaxBodyMegabytes"] = "64",
            ["Orchestrated:Stream:Partitions"] = options.Partitions.ToString(),
            ["Orchestrated:Stream:QueuePrefix"] = prefix,
            ["Orchestrated:Stream:IdleTimeout"] = options.IdleTimeout.ToString(),
        };
        return await InProcessServer.StartAsync(settings);
    }

    /// <summary>The benchmark's stream queues hold its events on disk: they go with it.</summary>
    private static async Task DeleteQueuesAsync(StreamBenchmarkOptions options, string prefix)
    {
        try
        {
            var (host, port) = options.Broker;
            await using var connection = await new ConnectionFactory { HostName = host, Port = port }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            for (var p = 0; p < options.Partitions; p++) await channel.QueueDeleteAsync($"{prefix}.{p}");
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException)
        {
            Console.Error.WriteLine($"the queues {prefix}.* were not deleted: {e.Message}");
        }
    }
}
