namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// An event is late when it arrived more than a day after its date. A day's own arrival and the next (the last
/// minutes before midnight, uploads a few hours later) are the normal path; later ones are counted, never dropped.
/// </summary>
public static class LateArrival
{
    public static bool IsLate(DateOnly eventDate, DateOnly arrival) => arrival.DayNumber - eventDate.DayNumber > 1;
}
