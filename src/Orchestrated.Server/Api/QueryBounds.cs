using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Server.Api;

/// <summary>
/// Counts and dates a client passes in a query are checked, not clamped: an out-of-range value is a 400 naming the
/// parameter and its range, so a caller never gets silently fewer rows or a different date than it asked for.
/// </summary>
public static class QueryBounds
{
    public static int Count(string name, int? value, int fallback, int max) =>
        value switch
        {
            null => fallback,
            < 1 => throw ApiErrors.Invalid($"{name} must be between 1 and {max}; it is {value}."),
            _ when value > max => throw ApiErrors.Invalid($"{name} must be between 1 and {max}; it is {value}."),
            _ => value.Value,
        };

    /// <summary>Dates are those a DAG can process: from its earliest to its latest possible start date.</summary>
    public static DateOnly? Date(string name, DateOnly? value) =>
        value is { } d && (d < DefinitionBounds.EarliestStartDate || d > DefinitionBounds.LatestStartDate)
            ? throw ApiErrors.Invalid($"{name} must be between {DefinitionBounds.EarliestStartDate:yyyy-MM-dd} and " +
                                      $"{DefinitionBounds.LatestStartDate:yyyy-MM-dd}.")
            : value;
}
