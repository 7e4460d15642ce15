using System.Diagnostics;
using DuckDB.NET.Data;

namespace Orchestrated.Benchmarks;

/// <summary>
/// The yardstick the pipeline's speed is judged against: the same four steps as DuckDB SQL, over the same raw data
/// (the bulk files `orchestrated bench --keep` generated), writing the same four zones as date-partitioned Parquet
/// under <c>WORK/duckdb/</c>, on as many threads as the machine has cores. Run right before or after
/// <c>orchestrated bench --reuse</c> on the same work folder, it gives a ratio that holds when the machine's own speed
/// drifts. Simplifications, all in DuckDB's favour: no quarantine, no 24 h cap, no look-back or read-ahead per date
/// (the whole history at once), SHA-256 of key and id instead of an HMAC, an MD5 of the stream and start as id.
/// </summary>
public static class DuckDbReferencePipeline
{
    public static int Run(string work)
    {
        var output = Path.Combine(work, "duckdb");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        Directory.CreateDirectory(output);
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        var total = Stopwatch.StartNew();
        Step(db, "settings", $"SET threads = {Environment.ProcessorCount}; SET preserve_insertion_order = false;");
        Step(db, "ingest", $"""
            COPY (
              SELECT *, regexp_extract(filename, 'date=([0-9-]+)', 1)::DATE AS arrival_date
              FROM read_json(['{work}/raw/events/date=*/lms-web-*.jsonl', '{work}/raw/events/date=*/mobile-app.ndjson.gz'],
                   format = 'newline_delimited', filename = true, ignore_errors = true, union_by_name = true,
                   columns = {"{"}event_id: 'VARCHAR', student_id: 'VARCHAR', timestamp: 'VARCHAR', event_type: 'VARCHAR',
                              page_url: 'VARCHAR',
                              screen_name: 'VARCHAR', device: 'VARCHAR', browser: 'VARCHAR', network: 'VARCHAR', course_id: 'VARCHAR',
                              chapter_id: 'VARCHAR', metadata: 'VARCHAR'{"}"})
            ) TO '{output}/bronze' (FORMAT parquet, PARTITION_BY (arrival_date), OVERWRITE_OR_IGNORE)
            """);
        Step(db, "clean", $"""
            COPY (
              WITH typed AS (
                SELECT *, TRY_CAST(timestamp AS TIMESTAMPTZ) AS ts
                FROM read_parquet('{output}/bronze/*/*.parquet', hive_partitioning = true)
              ), valid AS (
                SELECT * FROM typed WHERE student_id IS NOT NULL AND trim(student_id) <> '' AND ts IS NOT NULL
              ), ranked AS (
                SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY arrival_date, filename) AS copy FROM valid
              )
              SELECT event_id, sha256('key' || trim(student_id)) AS student_hash, ts, event_type,
                     coalesce(nullif(lower(trim(device)), ''), 'unknown') AS device, browser, network,
                     coalesce(page_url, screen_name) AS page,
                     coalesce(course_id, regexp_extract(page_url, '/course/([^/?#]+)', 1)) AS course_id,
                     coalesce(chapter_id, regexp_extract(page_url, '/chapter/([^/?#]+)', 1)) AS chapter_id,
                     TRY_CAST(json_extract_string(metadata, '$.time_spent_sec') AS DOUBLE) AS time_spent_sec, arrival_date, filename,
                     (ts AT TIME ZONE 'UTC')::DATE AS date
              FROM ranked WHERE copy = 1 OR event_id IS NULL
            ) TO '{output}/silver_events' (FORMAT parquet, PARTITION_BY (date), OVERWRITE_OR_IGNORE)
            """);
        Step(db, "sessionize", $"""
            COPY (
              WITH ordered AS (
                SELECT student_hash, device, ts, page, time_spent_sec,
                       CASE WHEN lag(ts) OVER w IS NULL OR ts - lag(ts) OVER w > INTERVAL 30 MINUTE THEN 1 ELSE 0 END AS starts
                FROM read_parquet('{output}/silver_events/*/*.parquet', hive_partitioning = true)
                WINDOW w AS (PARTITION BY student_hash, device ORDER BY ts, event_id)
              ), numbered AS (
                SELECT *, sum(starts) OVER (PARTITION BY student_hash, device ORDER BY ts ROWS UNBOUNDED PRECEDING) AS session FROM ordered
              )
              SELECT md5(student_hash || device || min(ts)::VARCHAR) AS session_id, student_hash, device, min(ts) AS session_start,
                     max(ts) AS session_end, date_diff('second', min(ts), max(ts)) AS session_duration_sec, count(*) AS event_count,
                     count(DISTINCT page) AS pages_visited,
                     CASE WHEN count(*) > 1 THEN date_diff('microsecond', min(ts), max(ts)) / 1e6 / (count(*) - 1) END AS avg_event_gap_sec,
                     coalesce(sum(time_spent_sec) FILTER (WHERE time_spent_sec >= 0), 0) AS active_time_sec,
                     (min(ts) AT TIME ZONE 'UTC')::DATE AS date
              FROM numbered GROUP BY student_hash, device, session
            ) TO '{output}/sessions' (FORMAT parquet, PARTITION_BY (date), OVERWRITE_OR_IGNORE)
            """);
        Step(db, "aggregate", $"""
            COPY (
              SELECT date, student_hash, count(*) AS total_sessions, sum(session_duration_sec) AS total_time_spent_sec,
                     avg(session_duration_sec) AS avg_session_duration, max(session_duration_sec) AS longest_session_sec,
                     min(session_duration_sec) AS shortest_session_sec
              FROM read_parquet('{output}/sessions/*/*.parquet', hive_partitioning = true) GROUP BY date, student_hash
            ) TO '{output}/gold' (FORMAT parquet, PARTITION_BY (date), OVERWRITE_OR_IGNORE)
            """);
        var seconds = total.Elapsed.TotalSeconds;
        using var count = db.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM read_parquet('{output}/sessions/*/*.parquet')";
        var sessions = Convert.ToInt64(count.ExecuteScalar());
        var peakMib = PeakResidentMib();
        Console.WriteLine($"end-to-end: {seconds:F1} s, {sessions:N0} sessions, peak resident memory {peakMib:N0} MiB, " +
            $"{Environment.ProcessorCount} threads");
        Console.WriteLine($"DUCKDB seconds={seconds:F2} peak_mib={peakMib} sessions={sessions}");
        return 0;
    }

    private static void Step(DuckDBConnection db, string name, string sql)
    {
        var clock = Stopwatch.StartNew();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        Console.WriteLine($"  {name,-10} {clock.Elapsed.TotalSeconds,6:F1} s");
    }

    private static long PeakResidentMib()
    {
        var line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            : null;
        return line is not null && long.TryParse(line[6..].Trim().Split(' ')[0], out var kib)
            ? kib / 1024
            : Process.GetCurrentProcess().PeakWorkingSet64 >> 20;
    }
}
