namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// The datasets of the pipeline by the names the ledger and the API use (the storage layout's <c>Dataset.Name</c>; a
/// test holds the two together). Raw events come from outside: no task produces them.
/// </summary>
public static class Datasets
{
    public const string Raw = "raw_events";
    public const string Bronze = "bronze_events";
    public const string Quarantine = "quarantine_events";
    public const string SilverEvents = "silver_events";
    public const string Sessions = "sessions";
    public const string DailyStats = "session_daily_stats";
}
