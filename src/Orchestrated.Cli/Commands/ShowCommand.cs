using System.ComponentModel;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Time;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Parquet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

/// <summary>One student's clean events and sessions for a date: the quickest way to check the numbers by eye.</summary>
public sealed class ShowCommand : AsyncCommand<ShowCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandOption("--student <ID>")]
        [Description("The raw student id; it is hashed with the configured key, as cleaning does.")]
        public string Student { get; init; } = "";

        [CommandOption("-d|--date <DATE>")]
        public string Date { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Student) || string.IsNullOrEmpty(Date)
                ? ValidationResult.Error("--student and --date are required")
                : ValidationResult.Success();
    }

    private static string ShortPage(string? page)
    {
        if (page is null) return "";
        var scheme = page.IndexOf("://", StringComparison.Ordinal);
        var path = scheme < 0 ? page : page[(page.IndexOf('/', scheme + 3) is var slash and >= 0 ? slash : page.Length)..];
        return path.Length > 40 ? path[..39] + "…" : path;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var date = PipelineFlags.ParseDate(flags.Date, "--date");
        var settings = flags.Load();
        using var loggers = flags.Loggers();
        var (store, _) = flags.Open(settings, loggers);
        string hash;
        using (var hasher = new StudentHasher(settings.Steps.HashKeyBytes())) hash = hasher.Hash(flags.Student);
        AnsiConsole.MarkupLineInterpolated($"student_hash [blue]{hash}[/]");

        // Plain lines rather than tables: they read well at any width and can be grepped.
        await using (var stream = await store.OpenReadAsync(Dataset.SilverEvents.PartKey(date), cancellationToken))
        {
            var events = SilverEventsFileReader.ReadAll(stream, date.ToString()).Where(e => e.StudentHash == hash).ToList();
            Console.WriteLine($"clean events on {date:yyyy-MM-dd} (UTC), by device; gap = time since the previous event of the device");
            foreach (var device in events.GroupBy(e => e.Device).OrderBy(g => g.Key))
            {
                long? previous = null;
                foreach (var e in device.OrderBy(e => e.Ts))
                {
                    var gap = previous is { } p
                        ? "+" + TimeSpan.FromMicroseconds(e.Ts - p).ToString(@"hh\:mm\:ss\.ffffff")
                        : new string(' ', 16);
                    previous = e.Ts;
                    Console.WriteLine($"  {UtcMicros.Format(e.Ts)[11..]}  {gap}  {e.Device,-8} {e.EventType,-12} {ShortPage(e.Page),-40} " +
                        $"{e.TimeSpentSec,6}  {e.ArrivalDate:MM-dd} {e.SourceFile}:{e.SourceLine}");
                }
            }
        }
        await using (var stream = await store.OpenReadAsync(Dataset.Sessions.PartKey(date), cancellationToken))
        {
            var sessions = SessionsTable.Read(stream, date.ToString()).Where(s => s.StudentHash == hash).ToList();
            Console.WriteLine($"sessions starting on {date:yyyy-MM-dd}");
            foreach (var s in sessions)
                Console.WriteLine($"  {UtcMicros.Format(s.SessionStart)} .. {UtcMicros.Format(s.SessionEnd)}  {s.Device,-8} " +
                    $"{s.SessionDurationSec,6} s  {s.EventCount,4} events  {s.PagesVisited,3} pages  " +
                    $"avg gap {s.AvgEventGapSec?.ToString("F1") ?? "-",6} s  " +
                    $"active {s.ActiveTimeSec,7:F1} s{(s.Capped ? "  capped" : "")}");
        }
        return 0;
    }
}
