using Orchestrated.Pipeline.Tests.Steps;
using Orchestrated.Pipeline.Tests.Support;
using Orchestrated.Testing;

namespace Orchestrated.Pipeline.Tests.Zones;

/// <summary>The zones' column names and types as another reader (DuckDB) sees them: exactly the contract's.</summary>
[Trait("Tier", "unit")]
public class ParquetContractTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    private string Glob(string dataset) => Path.Combine(run.Storage, dataset, "date=*", "*.parquet");

    [Fact]
    public async Task Sessions_have_the_contracts_columns_and_types()
    {
        await using var duck = new DuckDb();
        var columns = await duck.DescribeAsync(Glob("silver/sessions"), hive: true);
        Assert.Equal(new Dictionary<string, string>
        {
            ["session_id"] = "VARCHAR", ["student_hash"] = "VARCHAR", ["device"] = "VARCHAR",
            ["session_start"] = "TIMESTAMP WITH TIME ZONE", ["session_end"] = "TIMESTAMP WITH TIME ZONE",
            ["session_duration_sec"] = "BIGINT", ["event_count"] = "INTEGER", ["pages_visited"] = "INTEGER",
            ["avg_event_gap_sec"] = "DOUBLE", ["active_time_sec"] = "DOUBLE", ["capped"] = "BOOLEAN", ["date"] = "DATE",
        }, columns);
    }

    [Fact]
    public async Task Daily_stats_have_the_contracts_columns_and_types()
    {
        await using var duck = new DuckDb();
        var columns = await duck.DescribeAsync(Glob("gold/session_daily_stats"), hive: true);
        Assert.Equal(new Dictionary<string, string>
        {
            ["student_hash"] = "VARCHAR", ["total_sessions"] = "INTEGER", ["total_time_spent_sec"] = "BIGINT",
            ["avg_session_duration"] = "DOUBLE", ["longest_session_sec"] = "BIGINT", ["shortest_session_sec"] = "BIGINT", ["date"] = "DATE",
        }, columns);
    }

    [Fact]
    public async Task Silver_events_and_quarantine_carry_the_documented_columns()
    {
        await using var duck = new DuckDb();
        var events = await duck.DescribeAsync(Glob("silver/events"));
        Assert.Equal("TIMESTAMP WITH TIME ZONE", events["ts"]);
        Assert.Equal("VARCHAR", events["student_hash"]);
        Assert.Equal("DATE", events["arrival_date"]);
        Assert.DoesNotContain("student_id", events.Keys);
        var quarantine = await duck.DescribeAsync(Glob("quarantine/events"));
        Assert.Equal(["reason", "source_file", "line", "detail", "raw", "date"], quarantine.Keys);
        Assert.Equal("BIGINT", quarantine["line"]);
    }

    [Fact]
    public async Task Another_reader_sees_the_same_values_as_ours()
    {
        await using var duck = new DuckDb();
        var sessions = new List<Domain.Sessions.SessionRow>();
        for (var d = SampleRunFixture.D0; d <= run.LastDay; d = d.AddDays(1)) sessions.AddRange(await Outputs.SessionsAsync(run.Store, d));
        var row = (await duck.RowsAsync(
            "SELECT count(*), sum(session_duration_sec), sum(event_count), count(DISTINCT session_id), min(session_start), " +
                $"sum(CASE WHEN capped THEN 1 ELSE 0 END) FROM read_parquet('{Glob("silver/sessions")}')")).Single();
        Assert.Equal((long)sessions.Count, Number(row[0]));
        Assert.Equal(sessions.Sum(s => s.SessionDurationSec), Number(row[1]));
        Assert.Equal(sessions.Sum(s => (long)s.EventCount), Number(row[2]));
        Assert.Equal((long)sessions.Count, Number(row[3]));
        Assert.Equal(Domain.Time.UtcMicros.ToDateTime(sessions.Min(s => s.SessionStart)), ((DateTime)row[4]!).ToUniversalTime());
        Assert.Equal(sessions.Count(s => s.Capped), Number(row[5]));
    }

    private static long Number(object? value) => value is System.Numerics.BigInteger big ? (long)big : Convert.ToInt64(value);

    [Fact]
    public async Task Each_sessions_partition_holds_only_sessions_starting_on_its_date()
    {
        await using var duck = new DuckDb();
        var wrong = await duck.ScalarAsync(
            $"SELECT count(*) FROM read_parquet('{Glob("silver/sessions")}', hive_partitioning = true) " +
                "WHERE CAST(timezone('UTC', session_start) AS DATE) <> date");
        Assert.Equal(0L, Number(wrong));
    }
}
