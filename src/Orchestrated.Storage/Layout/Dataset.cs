namespace Orchestrated.Storage.Layout;

/// <summary>
/// The zones of the contract and where each lives under the storage root. Every partition is one Parquet
/// file, <c>{prefix}/date=YYYY-MM-DD/part-00000.parquet</c>, so replacing a partition is one atomic object write
/// on every backend, and Hive-style readers (DuckDB, Spark, pandas) see the date as a partition column.
/// </summary>
public sealed record Dataset(string Name, string Prefix)
{
    public const string PartFileName = "part-00000.parquet";

    public static readonly Dataset Raw = new("raw_events", "raw/events");
    public static readonly Dataset Bronze = new("bronze_events", "bronze/events");
    public static readonly Dataset SilverEvents = new("silver_events", "silver/events");
    public static readonly Dataset Sessions = new("sessions", "silver/sessions");
    public static readonly Dataset DailyStats = new("session_daily_stats", "gold/session_daily_stats");
    public static readonly Dataset Quarantine = new("quarantine_events", "quarantine/events");
    /// <summary>The stream sessionizer's sessions, in micro-batch files: the columns and ids of <see cref="Sessions"/>.</summary>
    public static readonly Dataset SessionsLive = new("sessions_live", "silver/sessions_live");
    /// <summary>Events that reached the stream behind its watermark, as sent (NDJSON): batch re-runs count them.</summary>
    public static readonly Dataset LateEvents = new("late_events", "late/events");
    /// <summary>A closed day's live sessions against its batch sessions: the differences (the reconcile step).</summary>
    public static readonly Dataset LiveReconciliation = new("live_reconciliation", "gold/live_reconciliation");

    /// <summary>Each student's engagement as of the end of a date, from the sessions of the 28 days up to it (the features step).</summary>
    public static readonly Dataset StudentFeatures = new("student_features", "gold/student_features");
    /// <summary>Each student's dropout risk as of a date, its band, its trend and its reasons (the score step).</summary>
    public static readonly Dataset StudentRisk = new("student_risk", "gold/student_risk");

    /// <summary>The courses each student's events of a date belong to (the courses step): what the at-risk page filters by.</summary>
    public static readonly Dataset StudentCourses = new("student_courses", "gold/student_courses");
    /// <summary>Each session of a date with its anomaly score, whether it is anomalous, and why (the score_sessions step).</summary>
    public static readonly Dataset SessionScores = new("session_scores", "gold/session_scores");

    public static IReadOnlyList<Dataset> Written { get; } = [Bronze, SilverEvents, Sessions, DailyStats, Quarantine];

    public string PartitionPrefix(DateOnly date) => $"{Prefix}/date={date:yyyy-MM-dd}/";

    public string PartKey(DateOnly date) => PartitionPrefix(date) + PartFileName;

    /// <summary>The date of a key in one of this dataset's partitions, or null for a key outside them.</summary>
    public DateOnly? DateOf(string key) =>
        key.StartsWith(Prefix + "/date=", StringComparison.Ordinal) && key.Length >= Prefix.Length + 16 &&
        DateOnly.TryParseExact(key.AsSpan(Prefix.Length + 6, 10), "yyyy-MM-dd", out var date) ? date : null;
}
