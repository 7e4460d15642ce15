namespace Orchestrated.Storage.Layout;

/// <summary>
/// Which raw-arrival partitions of bronze hold events of a given event date. Ingest writes one empty marker
/// object per (event date, arrival date) before it commits bronze, so cleaning a date lists one prefix instead
/// of opening every bronze file of the history.
/// </summary>
public static class BronzeIndex
{
    public const string Prefix = "bronze/_index/events_by_event_date";

    public static string DatePrefix(DateOnly eventDate) => $"{Prefix}/event_date={eventDate:yyyy-MM-dd}/";

    public static string MarkerKey(DateOnly eventDate, DateOnly arrivalDate) => $"{DatePrefix(eventDate)}arrival={arrivalDate:yyyy-MM-dd}";

    public static DateOnly? ArrivalOf(string markerKey)
    {
        var at = markerKey.LastIndexOf("arrival=", StringComparison.Ordinal);
        return at >= 0 && DateOnly.TryParseExact(markerKey.AsSpan(at + 8), "yyyy-MM-dd", out var date) ? date : null;
    }
}
