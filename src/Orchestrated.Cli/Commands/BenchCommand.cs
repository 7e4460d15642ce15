using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

/// <summary>
/// The benchmark: generates a data set, then runs every step over every day (days of a step in parallel, as the
/// workers would) and reports events per second per step, the end-to-end time and the process's peak resident memory
/// during the pipeline (generation excluded: the peak is reset after it, on Linux).
/// </summary>
public sealed class BenchCommand : AsyncCommand<BenchCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandOption("--events <N>")]
        [Description("Total events to generate (default 10,000,000).")]
        public long Events { get; init; } = 10_000_000;

        [CommandOption("--days <N>")]
        public int Days { get; init; } = 10;

        [CommandOption("--parallel <N>")]
        [Description("Dates processed at once within a step (default: the number of cores).")]
        public int Parallel { get; init; } = Environment.ProcessorCount;

        [CommandOption("--work-dir <PATH>")]
        [Description("Where to generate and process (default: a new temporary folder, deleted afterwards).")]
        public string? WorkDir { get; init; }

        [CommandOption("--keep")]
        public bool Keep { get; init; }

        [CommandOption("--steps <NAMES>")]
        [Description("Only these steps, comma-separated (with --reuse, over the zones an earlier run left): to measure one step alone.")]
        public string? Steps { get; init; }

        [CommandOption("--per-date")]
        [Description("Also print each date's time in each step (the first dates of a step run while the JIT warms up).")]
        public bool PerDate { get; init; }

        [CommandOption("--reuse")]
        [Description("Use the raw data already in --work-dir (from an earlier --keep run) instead of generating it.")]
        public bool Reuse { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var work = flags.WorkDir ?? Path.Combine(Path.GetTempPath(), $"orchestrated-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var settings = flags.Load().Steps;
        try
        {
            var options = new SampleOptions(SampleOptions.DefaultStart, flags.Days, SampleOptions.StudentsFor(flags.Events / flags.Days),
                EdgeCases: true);
            if (!flags.Reuse)
            {
                var generate = Stopwatch.StartNew();
                var sample = SampleDataGenerator.Write(work, options);
                AnsiConsole.MarkupLineInterpolated(FormattableStringFactory.Create(
                    "Generated {0:N0} raw lines ({1:F2} GB, {2:N0} students, {3} days) in {4:F1}s",
                    sample.Lines, sample.Bytes / 1e9, options.Students, flags.Days, generate.Elapsed.TotalSeconds));
            }

            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            PeakMemory.Reset();
            using var loggers = flags.Loggers();
            var store = new LocalObjectStore(work);
            var steps = new PipelineSteps(store, settings, loggers);
            var dates = RangeRunner.Dates(options.Start, options.Start.AddDays(flags.Days - 1));
            var stepTimes = new Dictionary<string, TimeSpan>();
            var stepPeaks = new Dictionary<string, long>();
            var total = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var results = new List<StepResult>();
            long peak = 0;
            var dataSteps = StepRegistry.Standard.DataSteps;
            var chosen = flags.Steps?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                         ?? dataSteps.ToArray();
            if (chosen.FirstOrDefault(s => !dataSteps.Contains(s)) is { } unknown)
                throw new ArgumentException($"--steps: unknown step '{unknown}' (the steps are {string.Join(", ", dataSteps)}).");
            var run = dataSteps.Where(chosen.Contains).ToList();
            if (run.Count == 0) throw new ArgumentException("--steps: name at least one step.");
            foreach (var step in run)
            {
                // Each step's own peak: the process's high-water mark is reset between steps.
                PeakMemory.Reset();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var stepCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var (jitBefore, methodsBefore) =
                    (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
                var pausedBefore = GC.GetTotalPauseDuration();
                int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                results.AddRange(await new RangeRunner(steps).RunAsync(dates, [step], flags.Parallel,
                    onStepFinished: (_, elapsed) => stepTimes[step] = elapsed, ct: cancellationToken));
                stepPeaks[step] = PeakMemory.ReadBytes();
                peak = Math.Max(peak, stepPeaks[step]);
                AnsiConsole.MarkupLineInterpolated(FormattableStringFactory.Create(
                    "  {0,-10} done in {1:F2}s ({2:F1} CPU-s, JIT {3:F2}s for {4:N0} methods), peak {5:N0} MiB, allocated {6:N0} MiB, " +
                    "GC pauses {7:F2}s (gen0/1/2 collections {8}/{9}/{10})",
                    step, stepTimes[step].TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - stepCpuBefore).TotalSeconds,
                    (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalSeconds,
                    System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore, stepPeaks[step] / (1024 * 1024),
                    (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024 * 1024),
                    (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds, GC.CollectionCount(0) - collectionsBefore[0],
                    GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]));
            }
            total.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            if (flags.PerDate)
                foreach (var r in results)
                    Console.WriteLine($"  {r.Step,-10} {r.Date:yyyy-MM-dd} {r.Duration.TotalSeconds,6:F2}s {r.RowsRead,12:N0} rows in");
            var table =
                new Table().Border(TableBorder.Rounded).AddColumns("step", "rows in", "rows out", "seconds", "events/s", "peak MiB");
            foreach (var step in run)
            {
                var ofStep = results.Where(r => r.Step == step).ToList();
                var rowsIn = ofStep.Sum(r => r.RowsRead);
                var seconds = stepTimes[step].TotalSeconds;
                table.AddRow(step, $"{rowsIn:N0}", $"{ofStep.Sum(r => r.RowsWritten):N0}", $"{seconds:F2}", $"{rowsIn / seconds:N0}",
                    $"{stepPeaks[step] / (1024 * 1024):N0}");
            }
            AnsiConsole.Write(table);
            var events = results.Where(r => r.Step == run[0]).Sum(r => r.RowsRead);
            AnsiConsole.MarkupLineInterpolated(FormattableStringFactory.Create(
                "end-to-end: [bold]{0:F1} s[/] for {1:N0} events ({2:N0} events/s), peak working set [bold]{3:N0} MiB[/], " +
                "{4:F1} CPU-seconds, {5} cores, parallel {6}",
                total.Elapsed.TotalSeconds, events, events / total.Elapsed.TotalSeconds, peak / (1024.0 * 1024), cpu.TotalSeconds,
                Environment.ProcessorCount, flags.Parallel));
            Console.WriteLine($"BENCH events={events} seconds={total.Elapsed.TotalSeconds:F2} cpu_s={cpu.TotalSeconds:F1} " +
                $"peak_mib={peak / (1024 * 1024)} " +
                string.Join(' ', stepTimes.Select(kv => $"{kv.Key}_s={kv.Value.TotalSeconds:F2}")));
            return 0;
        }
        finally
        {
            if (!flags.Keep && flags.WorkDir is null) Directory.Delete(work, recursive: true);
        }
    }
}
