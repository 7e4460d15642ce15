using System.Security.Cryptography;
using System.Text;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;
using Orchestrated.Execution.Messaging;
using Orchestrated.Execution.Streaming;
using Orchestrated.Pipeline;
using Orchestrated.Storage.Objects;
using Orchestrated.Testing;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>
/// Exactly once with checkpoints: a partition stopped at random points — mid micro-batch, mid write — and resumed each
/// time from its last checkpoint ends with exactly the files, byte for byte, and the late records of one reading from
/// the start without a stop; and the resumed readings really started from checkpoints, not from the start.
/// </summary>
public sealed class CheckpointResumeTests
{
    [Fact]
    public async Task Stopped_anywhere_and_resumed_from_its_checkpoints_a_partition_writes_what_one_reading_writes()
    {
        var rabbit = await TestServices.RabbitMqAsync();
        var options = new StreamOptions
        {
            Partitions = 1, QueuePrefix = $"test.checkpoint.{Guid.NewGuid():N}", MicroBatchInterval = TimeSpan.FromSeconds(30),
            CheckpointInterval = TimeSpan.FromMinutes(2),
        };
        await using var log = new RabbitMqEventLog(
            new BrokerOptions { Host = rabbit.Host, Port = rabbit.Port, Username = rabbit.Username, Password = rabbit.Password }, options);
        var last = await AppendAsync(log);

        var once = Directory.CreateTempSubdirectory("checkpoint-once-").FullName;
        var resumed = Directory.CreateTempSubdirectory("checkpoint-resumed-").FullName;
        try
        {
            var onceLate = new RecordedLateEvents();
            var reading = await ReadAsync(log, new StreamOptions { Partitions = 1, QueuePrefix = options.QueuePrefix,
                MicroBatchInterval = options.MicroBatchInterval, CheckpointInterval = TimeSpan.FromDays(3650) }, once, onceLate,
                stopAt: last);
            Assert.Equal(-1, reading.ResumedFrom);

            var resumedLate = new RecordedLateEvents();
            var random = new Random(5);
            var resumes = new List<long>();
            while (true)
            {
                var partition = await ReadAsync(log, options, resumed, resumedLate, stopAt: Math.Min(last, random.Next(1, (int)last + 40)));
                resumes.Add(partition.ResumedFrom);
                if (partition.LastOffset >= last) break;
            }
            Assert.True(resumes.Count(r => r > 0) >= 3, $"resumed from {string.Join(", ", resumes)}");

            Assert.Equal(Files(once), Files(resumed));
            Assert.NotEmpty(onceLate.Files);
            Assert.Equal(onceLate.Files.Select(f => f.ToString()).Distinct().Order(),
                resumedLate.Files.Select(f => f.ToString()).Distinct().Order());
        }
        finally
        {
            Directory.Delete(once, recursive: true);
            Directory.Delete(resumed, recursive: true);
        }
    }

    /// <summary>Reads into the store at <paramref name="root"/> until the entry <paramref name="stopAt"/>, then stops it dead.</summary>
    private static async Task<LivePartition> ReadAsync(IEventLog log, StreamOptions options, string root, ILateEventLedger late,
        long stopAt)
    {
        var partition = new LivePartition(0, log, new LocalObjectStore(root), SessionRules.Default, "checkpoint-key"u8.ToArray(), options,
            StepSettings.Defaults.Parquet, late);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = partition.RunAsync(stop.Token);
        while (partition.LastOffset < stopAt && !run.IsCompleted) await Task.Delay(1);
        await stop.CancelAsync();
        try { await run; } catch (OperationCanceledException) { }
        return partition;
    }

    /// <summary>
    /// Posts of 20 events of 30 students, seconds to a minute apart, a few an hour late, ticks between; answers the last offset.
    /// </summary>
    private static async Task<long> AppendAsync(IEventLog log)
    {
        var random = new Random(3);
        var clock = UtcMicros.StartOf(new DateOnly(2026, 3, 2)) + 21 * 3600 * UtcMicros.PerSecond;
        long entries = 0;
        for (var post = 0; post < 300; post++)
        {
            clock += random.Next(5, 60) * UtcMicros.PerSecond;
            var lines = Enumerable.Range(0, 20).Select(i => Event($"c-{post}-{i}", $"S{random.Next(30)}",
                clock - (random.Next(50) == 0 ? 3600 : random.Next(0, 90)) * UtcMicros.PerSecond, random.Next(12)));
            await log.AppendAsync([new EventLogEntry(0, Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), 20,
                $"raw/events/date=2026-03-02/{post}.jsonl", clock)], CancellationToken.None);
            entries++;
            if (post % 5 != 0) continue;
            await log.AppendAsync([EventLogEntry.Tick(0, clock + 2 * UtcMicros.PerSecond)], CancellationToken.None);
            entries++;
        }
        await log.AppendAsync([EventLogEntry.Tick(0, clock + 7200 * UtcMicros.PerSecond)], CancellationToken.None);
        return entries; // offsets start at 0: the closing tick's
    }

    private static string Event(string id, string student, long ts, int page) =>
        $"{{\"event_id\":\"{id}\",\"student_id\":\"{student}\",\"timestamp\":\"{UtcMicros.Format(ts)}\",\"event_type\":\"page_view\"," +
        $"\"page_url\":\"/course/C1/chapter/1/page/{page}\",\"device\":\"desktop\"}}";

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith("checkpoints", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private sealed class RecordedLateEvents : ILateEventLedger
    {
        public List<LateEventFile> Files { get; } = [];

        public Task RecordAsync(IReadOnlyList<LateEventFile> files, CancellationToken ct)
        {
            lock (Files) Files.AddRange(files);
            return Task.CompletedTask;
        }
    }
}
