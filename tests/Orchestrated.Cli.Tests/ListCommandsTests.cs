using System.Text.Json;
using Orchestrated.Cli.Tests.Support;

namespace Orchestrated.Cli.Tests;

/// <summary>The list commands against a running server: JSON for scripts, tables that stay whole when piped.</summary>
public sealed class ListCommandsTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private Task<CliResult> RunAsync(params string[] args) => Tool.RunAsync(server.Folder, [.. args, "--server", server.Url]);

    [Fact]
    public async Task Dags_runs_and_partitions_answer_json_a_script_can_read()
    {
        var dags = await RunAsync("dags", "--output", "json");
        Assert.Equal(0, dags.ExitCode);
        Assert.Equal("session_duration", JsonDocument.Parse(dags.Output).RootElement[0].GetProperty("dagId").GetString());

        var runs = await RunAsync("runs", "-o", "json");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(runs.Output).RootElement.ValueKind);

        var partitions = JsonDocument.Parse((await RunAsync("partitions", "--from", "2026-03-02", "--output", "json")).Output).RootElement;
        Assert.Equal(["bronze_events", "quarantine_events", "silver_events", "sessions", "live_reconciliation", "session_daily_stats"],
            partitions.EnumerateArray().Select(p => p.GetProperty("dataset").GetString()));
        Assert.All(partitions.EnumerateArray(), p => Assert.Equal("missing", p.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_piped_table_wider_than_a_terminal_keeps_each_row_on_one_line()
    {
        var dags = await RunAsync("dags");
        Assert.Equal(0, dags.ExitCode);
        Assert.Contains(dags.Lines, l => l.Contains("session_duration")
            && l.Contains("ingest_raw_events → clean_events → compute_sessions → reconcile_live_sessions → compute_daily_session_stats"));
    }
}
