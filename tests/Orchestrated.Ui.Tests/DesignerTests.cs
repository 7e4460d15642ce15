using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Orchestrated.Ui.Tests;

/// <summary>What people do in the designer UI, in a real browser. Each test uses its own dates of the sample.</summary>
public sealed class DesignerTests(UiServer server) : IClassFixture<UiServer>
{
    private static readonly string[] Tasks =
        ["ingest_raw_events", "clean_events", "compute_sessions", "reconcile_live_sessions", "compute_daily_session_stats"];

    static DesignerTests() => SetDefaultExpectTimeout(90_000);

    private static async Task TriggerFromDialogAsync(IPage page, string date)
    {
        await page.GotoAsync(page.Url.Split('#')[0] + "#/dag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger run…" }).ClickAsync();
        await page.GetByTestId("trigger-date").FillAsync(date);
        await page.GetByTestId("trigger-submit").ClickAsync();
        await Expect(page.GetByTestId("run-select")).ToContainTextAsync(date);
    }

    private static async Task ExpectNodesAsync(IPage page, string state, params string[] tasks)
    {
        foreach (var task in tasks) await Expect(page.GetByTestId($"node-{task}")).ToHaveAttributeAsync("data-state", state);
    }

    [Fact]
    public async Task A_run_triggered_from_the_dialog_turns_all_four_nodes_success()
    {
        var page = await server.OpenAsync();
        await Expect(page.GetByTestId("schedule-text")).ToHaveTextAsync("daily at 02:00 (UTC), for the previous day");
        await TriggerFromDialogAsync(page, "2026-03-02");
        await ExpectNodesAsync(page, "success", Tasks);
        await page.GetByTestId("node-compute_sessions").ClickAsync();
        await Expect(page.GetByTestId("param-inactivity_gap")).ToHaveValueAsync("30m");
        // Every param of the step, from its descriptor: one the DAG leaves out shows its default and its bounds.
        await Expect(page.GetByTestId("param-max_lookback_days")).ToHaveAttributeAsync("placeholder", "default 31");
        await Expect(page.GetByTestId("param-max_lookback_days")).ToHaveAttributeAsync("max", "366");
        await UiServer.ScreenshotAsync(page, "dag-view");
    }

    [Fact]
    public async Task A_three_day_backfill_previewed_and_started_from_the_dialog_completes_in_the_grid()
    {
        var page = await server.OpenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Backfill…" }).ClickAsync();
        await page.GetByTestId("backfill-from").FillAsync("2026-03-03");
        await page.GetByTestId("backfill-to").FillAsync("2026-03-05");
        await page.GetByTestId("backfill-reprocess").SelectOptionAsync("all");
        await page.GetByTestId("backfill-preview-button").ClickAsync();
        await Expect(page.GetByTestId("backfill-preview")).ToContainTextAsync("3 of 3 dates will run");
        await page.GetByTestId("backfill-submit").ClickAsync();
        await Expect(page.GetByTestId("backfill-state")).ToHaveAttributeAsync("data-state", "completed");
        await Expect(page.GetByTestId("backfill-counts")).ToHaveTextAsync("3 success");

        await page.GotoAsync(server.Url + "/#/grid");
        foreach (var date in new[] { "2026-03-03", "2026-03-04", "2026-03-05" })
        {
            var row = page.Locator($"tr[data-date='{date}']").First;
            await Expect(row).ToHaveAttributeAsync("data-state", "success");
            await Expect(row.Locator("button.sq.s-success")).ToHaveCountAsync(Tasks.Length);
        }
        await page.Locator("tr[data-date='2026-03-04'] button[data-state='success']").Nth(1).ClickAsync();
        await Expect(page.GetByTestId("tries")).ToContainTextAsync("success");
        await Expect(page.GetByTestId("log")).ToContainTextAsync("rows read");
        await UiServer.ScreenshotAsync(page, "task-instance");
        await page.Keyboard.PressAsync("Escape");
        await UiServer.ScreenshotAsync(page, "grid");
    }

    [Fact]
    public async Task A_failing_task_shows_failed_raises_an_alert_and_recovers_when_cleared_after_the_input_is_fixed()
    {
        var page = await server.OpenAsync();
        await TriggerFromDialogAsync(page, "2026-03-20"); // no raw data for this date
        await ExpectNodesAsync(page, "failed", "ingest_raw_events");
        await ExpectNodesAsync(page, "upstream_failed", "clean_events", "compute_sessions", "reconcile_live_sessions",
            "compute_daily_session_stats");

        await page.GotoAsync(server.Url + "/#/alerts");
        var alert = page.Locator("tr[data-kind='TaskFailed'][data-date='2026-03-20']");
        await Expect(alert).ToContainTextAsync("ingest_raw_events");
        await Expect(alert).ToContainTextAsync("No raw events for 2026-03-20");
        await UiServer.ScreenshotAsync(page, "alerts");

        // The raw files arrive; the operator clears the failed task and everything after it.
        SampleDataGenerator.Write(server.Storage, new SampleOptions(new DateOnly(2026, 3, 20), Days: 1, Students: 30, EdgeCases: false));
        await page.GotoAsync(server.Url + "/#/dag");
        await page.GetByTestId("run-select").SelectOptionAsync(new SelectOptionValue { Label = (await RunLabelAsync(page, "2026-03-20")) });
        await page.GetByTestId("node-ingest_raw_events").ClickAsync();
        await page.GetByTestId("clear-task").ClickAsync();
        await ExpectNodesAsync(page, "success", Tasks);
        await UiServer.ScreenshotAsync(page, "recovered");
    }

    [Fact]
    public async Task Editing_retries_in_the_designer_saves_a_version_the_next_run_uses_and_invalid_values_are_refused()
    {
        var page = await server.OpenAsync();
        await page.GetByTestId("node-clean_events").ClickAsync();
        await page.GetByTestId("setting-retry_delay").FillAsync("5 minutes");
        await page.GetByTestId("save-settings").ClickAsync();
        await Expect(page.GetByTestId("settings-errors")).ToContainTextAsync("$.tasks[1].retry_delay");
        await Expect(page.GetByTestId("settings-errors")).ToContainTextAsync("unknown unit");
        await UiServer.ScreenshotAsync(page, "invalid-setting");
        var before = await CurrentVersionAsync();

        await page.GetByTestId("setting-retry_delay").FillAsync("1s");
        await page.GetByTestId("setting-retries").FillAsync("3");
        await page.GetByTestId("save-settings").ClickAsync();
        await Expect(page.GetByTestId("versions")).ToContainTextAsync($"v{before + 1} (current)");
        await page.GetByTestId("node-clean_events").ClickAsync();
        await Expect(page.GetByTestId("setting-retries")).ToHaveValueAsync("3");

        await TriggerFromDialogAsync(page, "2026-03-07");
        await ExpectNodesAsync(page, "success", Tasks);
        var runs = await server.Api.GetFromJsonAsync<JsonElement[]>("/api/dags/session_duration/runs?limit=50");
        var run = runs!.First(r => r.GetProperty("logicalDate").GetString() == "2026-03-07");
        Assert.Equal(before + 1, run.GetProperty("dagVersion").GetInt32());
        await Expect(page.GetByTestId("run-select")).ToContainTextAsync($"v{before + 1})");
    }

    [Fact]
    public async Task A_date_whose_input_changed_shows_stale_and_one_click_recomputes_it_provisional_until_the_next_arrival()
    {
        const string date = "2026-03-08";
        var run = await (await server.Api.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = date }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var runId = run.GetProperty("id").GetInt64();
        await WaitForRunAsync(runId);
        // The day's raw data is ingested again (late files): bronze changes, silver and what follows were built from the old one.
        await server.Api.PostAsJsonAsync($"/api/runs/{runId}/tasks/ingest_raw_events/clear", new { downstream = false });
        await WaitForRunAsync(runId);

        var page = await server.OpenAsync("#/partitions");
        await page.GetByTestId("partitions-to").FillAsync(date);
        await page.GetByTestId("partitions-to").DispatchEventAsync("change");
        await Expect(page.GetByTestId($"partition-{date}-silver_events")).ToHaveAttributeAsync("data-status", "stale");
        await Expect(page.GetByTestId($"partition-{date}-silver_events"))
            .ToHaveAttributeAsync("title", new Regex($"bronze_events {date} rewritten"));
        await Expect(page.GetByTestId($"partition-{date}-bronze_events")).ToHaveAttributeAsync("data-status", "final");
        await UiServer.ScreenshotAsync(page, "partitions-stale");

        await page.GetByTestId("backfill-stale").ClickAsync();
        await Expect(page.GetByTestId("backfill-state")).ToHaveAttributeAsync("data-state", "completed");
        await page.GotoAsync(server.Url + "/#/partitions");
        await page.GetByTestId("partitions-to").FillAsync(date);
        await page.GetByTestId("partitions-to").DispatchEventAsync("change");
        await Expect(page.GetByTestId($"partition-{date}-bronze_events")).ToHaveAttributeAsync("data-status", "final");
        // Recomputed, but the next day's arrival (which may hold late events of this date) is not in: provisional, and it says so.
        foreach (var dataset in new[] { "silver_events", "sessions", "session_daily_stats" })
            await Expect(page.GetByTestId($"partition-{date}-{dataset}")).ToHaveAttributeAsync("data-status", "provisional");
        await Expect(page.GetByTestId($"partition-{date}-silver_events"))
            .ToHaveAttributeAsync("title", new Regex("waiting for: .*bronze_events 2026-03-09"));
        await UiServer.ScreenshotAsync(page, "partitions-recomputed");

        // The grid shows the same: the recomputing run's tasks succeeded, with outputs still provisional (striped).
        await page.GotoAsync(server.Url + "/#/grid");
        var backfillRun = (await server.Api.GetFromJsonAsync<JsonElement[]>("/api/dags/session_duration/runs?limit=50"))!
            .First(r => r.GetProperty("logicalDate").GetString() == date && r.GetProperty("kind").GetString() == "backfill");
        var id = backfillRun.GetProperty("id").GetInt64();
        await Expect(page.GetByTestId($"cell-{id}-ingest_raw_events")).ToHaveAttributeAsync("data-state", "skipped");
        await Expect(page.GetByTestId($"cell-{id}-clean_events")).ToHaveAttributeAsync("data-partition", "provisional");
        await UiServer.ScreenshotAsync(page, "grid-provisional");

        await page.GotoAsync(server.Url + $"/#/data/{date}");
        await Expect(page.GetByTestId("zones")).ToContainTextAsync("session_daily_stats");
        await Expect(page.GetByTestId("quality")).ToContainTextAsync("clean_events");
        await UiServer.ScreenshotAsync(page, "data");
    }

    [Fact]
    public async Task Operators_pause_with_the_keyboard_acknowledge_alerts_and_cancel_a_backfill()
    {
        var page = await server.OpenAsync();
        // The graph works from the keyboard: focus a node, Enter selects it.
        await page.GetByTestId("node-compute_sessions").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("param-inactivity_gap")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("paused")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unpause" }).ClickAsync();
        await Expect(page.GetByTestId("paused")).ToHaveCountAsync(0);

        // A backfill of dates without data, cancelled from its page: nothing is left queued or running.
        await page.GetByRole(AriaRole.Button, new() { Name = "Backfill…" }).ClickAsync();
        await page.GetByTestId("backfill-from").FillAsync("2026-04-01");
        await page.GetByTestId("backfill-to").FillAsync("2026-04-06");
        await page.GetByTestId("backfill-concurrency").FillAsync("1");
        await page.GetByTestId("backfill-submit").ClickAsync();
        await Expect(page.GetByTestId("cancel-backfill")).ToBeVisibleAsync();
        await page.GetByTestId("cancel-backfill").ClickAsync();
        await Expect(page.GetByTestId("backfill-state")).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(page.GetByTestId("backfill-counts")).ToContainTextAsync("cancelled");
        await Expect(page.GetByTestId("backfill-counts")).Not.ToContainTextAsync("running");
        await Expect(page.GetByTestId("backfill-counts")).Not.ToContainTextAsync("queued");

        // A date that fails raises an alert; acknowledging it takes it off the open list.
        var run = await (await server.Api.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = "2026-04-20" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await page.GotoAsync(server.Url + "/#/alerts");
        var alert = page.Locator("tr[data-kind='TaskFailed'][data-date='2026-04-20']");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(alert).ToContainTextAsync("acknowledged");
        var open = await server.Api.GetFromJsonAsync<JsonElement[]>("/api/alerts?unacknowledged=true");
        Assert.DoesNotContain(open!, a => a.GetProperty("runId").GetInt64() == run.GetProperty("id").GetInt64());
        await UiServer.ScreenshotAsync(page, "alerts-acknowledged");
    }

    private static async Task<string> RunLabelAsync(IPage page, string date)
    {
        // The page renders after its requests answer: wait for the run to be listed before reading the labels.
        await page.GetByTestId("run-select").Locator("option", new() { HasTextString = date })
            .First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var options = await page.GetByTestId("run-select").Locator("option").AllTextContentsAsync();
        return options.First(o => o.StartsWith(date, StringComparison.Ordinal));
    }

    private async Task<int> CurrentVersionAsync() =>
        (await server.Api.GetFromJsonAsync<JsonElement>("/api/dags/session_duration")).GetProperty("version").GetInt32();

    private async Task WaitForRunAsync(long runId)
    {
        for (var i = 0; i < 600; i++)
        {
            var run = await server.Api.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            var state = run.GetProperty("state").GetString();
            if (state == "success") return;
            if (state is "failed" or "cancelled") throw new InvalidOperationException($"run {runId} ended {state}:\n{server.ServerLog()}");
            await Task.Delay(200);
        }
        throw new TimeoutException($"run {runId} did not finish:\n{server.ServerLog()}");
    }
}
