using System.ComponentModel;
using System.Diagnostics;
using Orchestrated.Cli.Commands.Hostile;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

/// <summary>
/// The memory bounds on hostile input, measured: each hostile file of <see cref="HostileFiles"/> is written into its
/// own storage root and read by what reads it in production (the ingest step, a gold table's reader), each in a
/// process of its own (a managed heap keeps what an earlier case grew to), and that process's peak resident memory
/// while reading it is printed beside a normal day's.
/// </summary>
public sealed class HostileBenchCommand : AsyncCommand<HostileBenchCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandOption("--work-dir <PATH>")]
        [Description("Where to write the hostile files (default: a new temporary folder, deleted afterwards).")]
        public string? WorkDir { get; init; }

        [CommandOption("--cases <NAMES>")]
        [Description("Only these cases, comma-separated (baseline, blank-flood, huge-line, gzip-bomb, many-dates, odd-names, " +
                     "deep-footer, lying-list).")]
        public string? Cases { get; init; }

        [CommandOption("--in-process")]
        [Description("Read the cases in this process instead of one child process each (their peaks then accumulate).")]
        public bool InProcess { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var work = flags.WorkDir ?? Path.Combine(Path.GetTempPath(), $"orchestrated-hostile-{Guid.NewGuid():N}");
        var settings = flags.Load().Steps;
        try
        {
            var baselineRoot = Path.Combine(work, "baseline");
            var all = HostileFiles.All(await EventLineAsync(baselineRoot));
            var chosen = flags.Cases?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                         ?? all.Select(c => c.Name).ToArray();
            if (chosen.FirstOrDefault(n => all.All(c => c.Name != n)) is { } unknown)
                throw new ArgumentException($"--cases: unknown case '{unknown}' " +
                                            $"(the cases are {string.Join(", ", all.Select(c => c.Name))}).");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("case", "input", "on disk", "outcome", "seconds", "peak MiB");
            using var loggers = flags.Loggers();
            foreach (var @case in all.Where(c => chosen.Contains(c.Name)))
            {
                var measured = flags.InProcess
                    ? await MeasureAsync(@case, Path.Combine(work, @case.Name), settings, loggers, cancellationToken)
                    : await HostileChild.MeasureAsync(@case.Name, work, cancellationToken);
                table.AddRow(@case.Name, Markup.Escape(@case.What), $"{measured.OnDisk / 1e6:N1} MB", Markup.Escape(measured.Outcome),
                    $"{measured.Seconds:F1}", $"{measured.PeakMib:N0}");
                Console.WriteLine(measured.Line(@case.Name));
            }
            if (!flags.InProcess) AnsiConsole.Write(table);
            return 0;
        }
        finally
        {
            if (flags.WorkDir is null && Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<HostileMeasurement> MeasureAsync(HostileCase @case, string root, StepSettings settings,
        ILoggerFactory loggers, CancellationToken ct)
    {
        if (@case.Name != "baseline" || !Directory.Exists(root)) await @case.Write(root);
        var onDisk = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var outcome = await ReadAsync(@case, new LocalObjectStore(root), settings, loggers, ct);
        var measured = new HostileMeasurement(onDisk, clock.Elapsed.TotalSeconds, PeakMemory.ReadBytes() / (1024 * 1024), outcome);
        if (@case.Name != "baseline") Directory.Delete(root, recursive: true);
        return measured;
    }

    /// <summary>One real event of the sample generator: the hostile files carry it so a date has something valid to keep.</summary>
    private static async Task<string> EventLineAsync(string baselineRoot)
    {
        if (!Directory.Exists(baselineRoot)) await HostileFiles.All("{}")[0].Write(baselineRoot);
        var file = Directory.EnumerateFiles(Path.Combine(baselineRoot, "raw", "events", $"date={HostileFiles.Date:yyyy-MM-dd}"), "*.jsonl")
            .Order(StringComparer.Ordinal).First();
        return File.ReadLines(file).First(l => l.Length > 0);
    }

    private static async Task<string> ReadAsync(HostileCase @case, LocalObjectStore store, StepSettings settings, ILoggerFactory loggers,
        CancellationToken ct)
    {
        if (@case.Reader == HostileReader.DailyStats)
        {
            var key = Dataset.DailyStats.PartKey(HostileFiles.Date);
            try
            {
                await using var stream = await store.OpenReadAsync(key, ct);
                return $"read {DailyStatsTable.Read(stream, store.Describe(key)).Count} rows";
            }
            catch (InvalidDataException e)
            {
                var why = e.Message.Replace(store.Describe(key), "", StringComparison.Ordinal).TrimStart(':', ' ');
                return $"refused: {(why.Length > 80 ? why[..80] + "…" : why)}";
            }
        }
        var result = await new PipelineSteps(store, settings, loggers).RunAsync("ingest", HostileFiles.Date, null, ct);
        var quarantined = string.Join(", ", result.Quarantined.Where(q => q.Value > 0).Select(q => $"{q.Value:N0} {q.Key}"));
        return $"{result.RowsWritten:N0} events kept" + (quarantined.Length > 0 ? $"; quarantined {quarantined}" : "");
    }
}
