using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Server;

/// <summary>What a list command prints: tables for people (the default), or the API's JSON for scripts.</summary>
public class ListFlags : ServerFlags
{
    [CommandOption("-o|--output <FORMAT>")]
    [Description("table (default) or json: the server's answer as it is, for scripts.")]
    public string Output { get; init; } = "table";

    public bool Json => Output == "json";

    public override ValidationResult Validate() => Output is "table" or "json"
        ? ValidationResult.Success()
        : ValidationResult.Error($"--output: '{Output}' is not a format (use table or json).");

    /// <summary>Writes <paramref name="answer"/> as indented JSON when asked to; true if it did.</summary>
    public bool WriteJson(JsonElement answer)
    {
        if (!Json) return false;
        Console.Out.WriteLine(JsonSerializer.Serialize(answer, new JsonSerializerOptions { WriteIndented = true }));
        return true;
    }
}
