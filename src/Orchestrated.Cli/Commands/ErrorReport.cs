using Orchestrated.Domain.Quality;
using Orchestrated.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

/// <summary>Failures as a person should read them, with exit codes a script can tell apart.</summary>
public static class ErrorReport
{
    public const int MissingInput = 2;
    public const int DataQuality = 3;
    public const int BadArguments = 64;

    public static int Print(Exception exception, string? hint = null)
    {
        switch (exception)
        {
            case CommandAppException or ArgumentException or FormatException:
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {exception.Message}{(hint is null ? "" : " " + hint)}");
                return BadArguments;
            case Server.ServerException:
                AnsiConsole.MarkupLineInterpolated($"[red]server:[/] {exception.Message}");
                return 1;
            case MissingInputException:
                AnsiConsole.MarkupLineInterpolated($"[yellow]missing input:[/] {exception.Message}");
                return MissingInput;
            case DataQualityException:
                AnsiConsole.MarkupLineInterpolated($"[red]data quality:[/] {exception.Message}");
                return DataQuality;
            default:
                AnsiConsole.MarkupLineInterpolated($"[red]failed:[/] {exception.GetType().Name}: {exception.Message}");
                if (Environment.GetEnvironmentVariable("ORCHESTRATED_DEBUG") == "1") AnsiConsole.WriteException(exception);
                return 1;
        }
    }
}
