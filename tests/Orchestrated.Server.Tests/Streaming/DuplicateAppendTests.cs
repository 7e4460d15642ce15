using System.Security.Cryptography;
using System.Text;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;
using Orchestrated.Execution.Streaming;
using Orchestrated.Pipeline;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>
/// A post's entry appended twice (the collector retries a publish after a broken connection, and the first one had
/// landed) changes nothing: the partition takes each post once, by its raw file, and writes the same files — also for
/// events without an id, which the cleaning rules never take for duplicates.
/// </summary>
public sealed class DuplicateAppendTests
{
    [Fact]
    public async Task An_entry_appended_twice_gives_the_same_files_as_once()
    {
        var once = await FilesAsync(duplicate: false);
        var twice = await FilesAsync(duplicate: true);
        Assert.True(once.Count >= 1, "no session written");
        Assert.Equal(once.Values, twice.Values); // the same bytes (names hold offsets, which the duplicate shifts)
    }

    private static async Task<Dictionary<string, string>> FilesAsync(bool duplicate)
    {
        var log = new InMemoryEventLog(1);
        var start = UtcMicros.StartOf(new DateOnly(2026, 3, 2)) + 9 * 3600 * UtcMicros.PerSecond;
        var body = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 10).Select(i =>
            // No event ids: only the post's own identity can tell the second copy from new events.
            $"{{\"student_id\":\"S{i % 2}\",\"timestamp\":\"{UtcMicros.Format(start + i * 60 * UtcMicros.PerSecond)}\"," +
            $"\"event_type\":\"page_view\",\"page_url\":\"/course/C1/chapter/1/page/{i}\"," +
            $"\"metadata\":{{\"time_spent_sec\":{i}}}}}")) + "\n");
        var entry = new EventLogEntry(0, body, 10, "raw/events/date=2026-03-02/post-1.jsonl", start + 600 * UtcMicros.PerSecond);
        await log.AppendAsync([entry], CancellationToken.None);
        if (duplicate) await log.AppendAsync([entry with { AppendedAtMicros = entry.AppendedAtMicros + 1 }], CancellationToken.None);
        await log.AppendAsync([EventLogEntry.Tick(0, start + 7200 * UtcMicros.PerSecond)], CancellationToken.None);
        var root = Directory.CreateTempSubdirectory("dup-append-").FullName;
        try
        {
            var options = new StreamOptions { Partitions = 1, MicroBatchInterval = TimeSpan.FromMinutes(10) };
            var partition = new LivePartition(0, log, new LocalObjectStore(root), SessionRules.Default, "k"u8.ToArray(), options,
                StepSettings.Defaults.Parquet, new NoLateEvents());
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var run = partition.RunAsync(stop.Token);
            while (partition.SessionsClosed < 2 && !run.IsCompleted) await Task.Delay(20);
            await stop.CancelAsync();
            try { await run; } catch (OperationCanceledException) { }
            var files = new Dictionary<string, string>();
            // The sessions' files (a checkpoint holds the offsets read, which the duplicate shifts).
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "silver"), "*", SearchOption.AllDirectories))
                files[Path.GetFileName(file)] = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file)));
            Assert.Equal(2, partition.SessionsClosed);
            return files;
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    /// <summary>Nothing here is late: a late event would fail the test.</summary>
    private sealed class NoLateEvents : ILateEventLedger
    {
        public Task RecordAsync(IReadOnlyList<LateEventFile> files, CancellationToken ct) =>
            files.Count == 0 ? Task.CompletedTask : throw new InvalidOperationException($"late: {string.Join(", ", files)}");
    }
}
