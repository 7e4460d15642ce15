using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrated.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Orchestrated.Ui.Tests;

/// <summary>The students-at-risk page and the model page, in a real browser, over a trained and published model's scores.</summary>
public sealed class EngagementPagesTests(EngagementUiServer server) : IClassFixture<EngagementUiServer>
{
    static EngagementPagesTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task The_at_risk_page_lists_the_riskiest_students_with_trend_and_reasons_and_filters_by_band()
    {
        var page = await server.OpenAsync("#/risk");
        var summary = page.GetByTestId("risk-summary");
        await Expect(summary).ToContainTextAsync($"as of {EngagementUiServer.LastScored:yyyy-MM-dd}");
        await Expect(summary).ToContainTextAsync("by model v");
        var rows = page.Locator("[data-testid=risk-students] tr[data-student]");
        await Expect(rows.First).ToBeVisibleAsync();
        // Riskiest first, each with a reason in words, and a trend against the scores of a week before.
        var risks = await rows.Locator("td:nth-child(2)").AllInnerTextsAsync();
        var percents = risks.Select(r => int.Parse(r.TrimEnd('%', ' '))).ToList();
        Assert.Equal(percents.OrderDescending(), percents);
        await Expect(rows.First.Locator("td:nth-child(5)")).Not.ToHaveTextAsync("—");
        Assert.Contains(await rows.Locator("td:nth-child(4)").AllInnerTextsAsync(), t => t is "↑" or "↓" or "→");
        await UiServer.ScreenshotAsync(page, "students-at-risk");

        await page.GetByTestId("risk-band").SelectOptionAsync("high");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/risk/.*/high$"));
        // The page renders the filtered list a moment after the address changes: wait for it, then every row is high.
        var bandCells = page.Locator("[data-testid=risk-students] tr[data-student] td:nth-child(3)");
        await Expect(bandCells.Filter(new() { HasNotText = "high" })).ToHaveCountAsync(0);
        var bands = await bandCells.AllInnerTextsAsync();
        Assert.NotEmpty(bands);
        Assert.All(bands, b => Assert.Equal("high", b));

        // By course: every student listed studied it in their last four weeks.
        var course = (await page.GetByTestId("risk-course").Locator("option").AllInnerTextsAsync()).First(o => o != "all");
        await page.GetByTestId("risk-course").SelectOptionAsync(course);
        var courseCells = page.Locator("[data-testid=risk-students] tr[data-student] td:nth-child(6)");
        await Expect(courseCells.Filter(new() { HasNotText = course })).ToHaveCountAsync(0);
        Assert.All(await courseCells.AllInnerTextsAsync(), c => Assert.Contains(course, c.Split(' ')));
    }

    [Fact]
    public async Task The_model_page_shows_metrics_against_the_baseline_curves_and_versions()
    {
        var models = await server.Api.GetFromJsonAsync<JsonElement>("/api/engagement/models");
        var published = models.GetProperty("published").GetString()!;
        var page = await server.OpenAsync("#/models");
        await Expect(page.GetByTestId("model-summary")).ToContainTextAsync($"{published} (published)");
        var metrics = page.GetByTestId("model-metrics");
        await Expect(metrics).ToContainTextAsync("ROC-AUC");
        await Expect(metrics).ToContainTextAsync("baseline: days since last session");
        var card = models.GetProperty("versions")[0].GetProperty("evaluation");
        foreach (var side in new[] { "model", "baseline" })
            await Expect(metrics).ToContainTextAsync(
                card.GetProperty(side).GetProperty("rocAuc").GetDouble().ToString("F3", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("chart-roc").Locator("polyline")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("chart-reliability").Locator("polyline")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("model-versions")).ToContainTextAsync($"{published} ★");
        await Expect(page.GetByTestId("anomaly-detector")).ToContainTextAsync("threshold");
        await Expect(page.GetByTestId("early-warning")).ToContainTextAsync("length-only baseline");
        await Expect(page.GetByTestId("model-lead")).ToContainTextAsync("students who stopped");
        await UiServer.ScreenshotAsync(page, "dropout-model");
    }

    [Fact]
    public async Task The_anomalies_page_lists_the_anomalous_sessions_with_why()
    {
        var api = await server.Api.GetFromJsonAsync<JsonElement>("/api/engagement/sessions");
        Assert.Equal($"{EngagementUiServer.LastScored:yyyy-MM-dd}", api.GetProperty("date").GetString());
        var page = await server.OpenAsync("#/anomalies");
        await Expect(page.GetByTestId("anomalies-summary"))
            .ToContainTextAsync($"{api.GetProperty("anomalous").GetInt32()} of {api.GetProperty("scored").GetInt32()} sessions");
        var rows = page.Locator("[data-testid=anomalies] tr[data-session]");
        await Expect(rows).ToHaveCountAsync(api.GetProperty("sessions").GetArrayLength());
        // Each says why, and the riskiest first.
        Assert.All(await rows.Locator("td:nth-child(6)").AllInnerTextsAsync(), why => Assert.False(string.IsNullOrWhiteSpace(why)));
        var scores = (await rows.Locator("td:nth-child(4)").AllInnerTextsAsync()).Select(t => double.Parse(t, CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        await UiServer.ScreenshotAsync(page, "anomalous-sessions");
    }
}
