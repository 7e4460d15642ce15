namespace Orchestrated.Domain.Engagement;

/// <summary>
/// A split by time for a label that looks <c>Horizon</c> days ahead: evaluation on the dates from <see cref="Cutoff"/>
/// on, training only on dates whose label window ends before it — so no day a model is judged on was in a label it
/// learnt from, and a model is only ever evaluated on a future it could not have seen.
/// </summary>
public sealed record TimeSplit(DateOnly Cutoff, int Horizon)
{
    public bool Trains(DateOnly date) => date.AddDays(Horizon) < Cutoff;

    /// <summary>An evaluation date needs its label known: its whole window within the data, up to <paramref name="lastData"/>.</summary>
    public bool Evaluates(DateOnly date, DateOnly lastData) => date >= Cutoff && date.AddDays(Horizon) <= lastData;

    /// <summary>
    /// The cutoff that leaves about <paramref name="evaluationShare"/> of the labelled dates, first .. last - horizon, for
    /// evaluation.
    /// </summary>
    public static TimeSplit For(DateOnly first, DateOnly lastData, int horizon, double evaluationShare = 0.3)
    {
        var labelled = lastData.AddDays(-horizon).DayNumber - first.DayNumber + 1;
        if (labelled < 2 * horizon + 2)
            throw new ArgumentException($"{labelled} labelled dates from {first:yyyy-MM-dd} to {lastData:yyyy-MM-dd} are too few for a " +
                $"{horizon}-day horizon: training and evaluation each need more than the horizon ({2 * horizon + 2} dates at least).");
        var evaluated = Math.Max(1, (int)Math.Round(labelled * evaluationShare));
        return new TimeSplit(first.AddDays(labelled - evaluated), horizon);
    }
}
