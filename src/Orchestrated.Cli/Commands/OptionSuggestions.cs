using System.Reflection;
using System.Text.RegularExpressions;
using Orchestrated.Domain.Text;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

/// <summary>
/// "Did you mean": the known option of the command closest to an unknown one (a typo such as
/// <c>--split-on-devcie</c>), read from the command's settings type, so it can never drift from what it accepts.
/// </summary>
public sealed partial class OptionSuggestions(IReadOnlyDictionary<string, Type> settingsByCommand)
{
    /// <summary>The options a command accepts, long names first, as typed (<c>--storage</c>, <c>-v</c>).</summary>
    public IReadOnlyList<string> OptionsOf(string command)
    {
        if (!settingsByCommand.TryGetValue(command, out var settings)) return [];
        return settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(o => o.LongNames.Select(n => "--" + n).Concat(o.ShortNames.Select(n => "-" + n)))
            .ToList();
    }

    /// <summary>
    /// A hint for Spectre's "Unknown option 'x'." on <paramref name="command"/>: the closest option, else the options
    /// it takes; for a stray argument after a command, that the command takes none. Null when there is nothing to add.
    /// </summary>
    public string? For(string? command, string message)
    {
        if (command is null || !settingsByCommand.ContainsKey(command)) return null;
        if (UnknownCommand().Match(message) is { Success: true } stray && stray.Groups[1].Value != command)
            return $"('{stray.Groups[1].Value}' is not an argument of {command}: " +
                   $"it takes options only, such as {string.Join(", ", LongOptions(command).Take(3))})";
        if (UnknownOption().Match(message) is not { Success: true } match) return null;
        var typed = match.Groups[1].Value.TrimStart('-');
        var best = LongOptions(command).Select(o => (Option: o, Distance: EditDistance.Between(typed, o[2..])))
            .OrderBy(x => x.Distance).FirstOrDefault();
        return best.Option is not null && best.Distance <= Math.Max(2, typed.Length / 3)
            ? $"did you mean {best.Option}?"
            : $"({command} takes {string.Join(", ", LongOptions(command))})";
    }

    private IEnumerable<string> LongOptions(string command) => OptionsOf(command).Where(o => o.StartsWith("--", StringComparison.Ordinal));

    [GeneratedRegex("Unknown option '([^']+)'")]
    private static partial Regex UnknownOption();

    [GeneratedRegex("Unknown command '([^']+)'")]
    private static partial Regex UnknownCommand();
}
