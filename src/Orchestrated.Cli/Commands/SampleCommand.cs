using System.ComponentModel;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Storage.Objects;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

public sealed class SampleCommand : AsyncCommand<SampleCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandOption("--start <DATE>")]
        [Description("First raw date (default 2026-03-02).")]
        public string? Start { get; init; }

        [CommandOption("--days <N>")]
        public int Days { get; init; } = 7;

        [CommandOption("--students <N>")]
        public int Students { get; init; } = 300;

        [CommandOption("--seed <N>")]
        public int Seed { get; init; } = 42;

        [CommandOption("--tail-days <N>")]
        [Description("Arrival dates after the last study day that hold only late arrivals (default 0).")]
        public int TailDays { get; init; }

        [CommandOption("--story")]
        [Description("Give students engagement trajectories (steady, fading out, cramming, returning) for the engagement models; " +
                     "take several weeks of --days.")]
        public bool Story { get; init; }

        [CommandOption("--story-noise <X>")]
        [Description("With --story: how far students stray from their trajectory, 0 to 1 (default 0.3).")]
        public double? StoryNoise { get; init; }

        [CommandOption("--no-edge-cases")]
        [Description("Leave out the hand-made events that exercise each rule of the contract.")]
        public bool NoEdgeCases { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var settings = flags.Load();
        var options = new SampleOptions(flags.Start is null ? SampleOptions.DefaultStart : PipelineFlags.ParseDate(flags.Start, "--start"),
            flags.Days, flags.Students, flags.Seed, EdgeCases: !flags.NoEdgeCases, TailDays: flags.TailDays, Story: Story(flags));
        if (flags.TailDays is < 0 or > 31) throw new ArgumentException("--tail-days must be between 0 and 31.");
        var root = StorageRoot.Parse(settings.Storage);
        SampleSummary summary;
        if (!root.IsS3)
        {
            ClearRaw(root.LocalPath!, options);
            summary = SampleDataGenerator.Write(root.LocalPath!, options);
        }
        else
        {
            // Generate locally, then upload: S3 has no appendable files.
            var staging = Directory.CreateTempSubdirectory("orchestrated-sample-").FullName;
            try
            {
                summary = SampleDataGenerator.Write(staging, options);
                using var loggers = flags.Loggers();
                var store = ObjectStores.Open(settings.Storage, settings.S3, loggers.CreateLogger("storage"));
                await UploadAsync(staging, store, cancellationToken);
            }
            finally
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        var last = options.ArrivalEnd.AddDays(-1);
        var where = Markup.Escape(root.ToString().TrimEnd('/') + "/raw/events/");
        AnsiConsole.MarkupLine($"Wrote [green]{summary.Lines:N0}[/] raw lines in {summary.Files} files ({summary.Bytes / 1e6:F1} MB) " +
                               $"for {options.Start:yyyy-MM-dd} .. {last:yyyy-MM-dd} under [blue]{where}[/]");
        AnsiConsole.MarkupLineInterpolated($"Next: [bold]orchestrated run --date {options.Start:yyyy-MM-dd} --to {last:yyyy-MM-dd}[/]");
        return 0;
    }

    private static EngagementStory? Story(Settings flags)
    {
        if (!flags.Story)
            return flags.StoryNoise is null ? null : throw new ArgumentException("--story-noise needs --story.");
        var story = new EngagementStory(flags.StoryNoise ?? new EngagementStory().Noise);
        story.Validate();
        return story;
    }

    /// <summary>A new sample replaces the raw dates it covers, so re-running it never doubles the data.</summary>
    private static void ClearRaw(string root, SampleOptions options)
    {
        for (var d = 0; d < options.Days + options.TailDays; d++)
        {
            var folder = Path.Combine(root, "raw", "events", $"date={options.Start.AddDays(d):yyyy-MM-dd}");
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task UploadAsync(string localRoot, IObjectStore store, CancellationToken ct)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(localRoot, "raw"), "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(localRoot, file).Replace(Path.DirectorySeparatorChar, '/');
            await store.WriteAsync(key, async (target, token) =>
            {
                await using var source = File.OpenRead(file);
                await source.CopyToAsync(target, token);
            }, ct);
        }
    }
}
