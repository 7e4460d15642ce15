using Orchestrated.Pipeline.Engagement;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Engagement;

/// <summary>Lists the stored versions of the dropout model with their metrics against the baseline.</summary>
public sealed class ModelsCommand : AsyncCommand<PipelineFlags>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PipelineFlags flags, CancellationToken cancellationToken)
    {
        var settings = flags.Load();
        using var loggers = flags.Loggers();
        var (store, _) = flags.Open(settings, loggers);
        var models = new ModelStore(store);
        var cards = await models.ListAsync(ModelStore.Dropout, cancellationToken);
        if (cards.Count == 0)
        {
            AnsiConsole.MarkupLine("No dropout model yet: [bold]orchestrated train --date D[/] trains one.");
            return 0;
        }
        ModelTables.PrintVersions(cards, await models.PublishedVersionAsync(ModelStore.Dropout, cancellationToken));
        return 0;
    }
}
