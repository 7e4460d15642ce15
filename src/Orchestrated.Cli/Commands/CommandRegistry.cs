using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

/// <summary>The commands as they are registered, with their settings types: what "did you mean" suggests from.</summary>
public sealed class CommandRegistry
{
    private readonly Dictionary<string, Type> _settings = [];

    public OptionSuggestions Suggestions => new(_settings);

    public void Add<TCommand>(IConfigurator config, string name, string description) where TCommand : class, ICommand
    {
        config.AddCommand<TCommand>(name).WithDescription(description);
        var type = typeof(TCommand);
        while (type is not null && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(AsyncCommand<>))) type = type.BaseType;
        if (type is not null) _settings[name] = type.GetGenericArguments()[0];
    }
}
