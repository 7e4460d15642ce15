using System.Text;
using System.Text.Json;
using Orchestrated.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Orchestrated.Ui.Tests;

/// <summary>The live page, in a real browser: events posted to the collector show up as closed sessions without a reload.</summary>
public sealed class LivePageTests(LiveUiServer server) : IClassFixture<LiveUiServer>
{
    static LivePageTests() => SetDefaultExpectTimeout(60_000);

    [Fact]
    public async Task Sessions_close_on_the_live_page_as_events_arrive()
    {
        var page = await server.OpenAsync("#/live");
        await Expect(page.GetByTestId("live-none")).ToBeVisibleAsync();
        var noon = new DateTimeOffset(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var lines = Enumerable.Range(0, 12).Select(i => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["event_id"] = $"ui-live-{i}", ["student_id"] = $"U{i % 2}", ["event_type"] = "page_view",
            ["timestamp"] = noon.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), ["page_url"] = $"/course/C1/chapter/1/page/{i}",
            ["device"] = "desktop",
        }));
        using var posted = await server.Api.PostAsync("/api/events",
            new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));
        posted.EnsureSuccessStatusCode();
        // No reload: the page refreshes itself every two seconds.
        await Expect(page.Locator("[data-testid=live-sessions] tr[data-session]")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("live-summary")).ToContainTextAsync("2 closed");
        await Expect(page.GetByTestId("live-summary")).ToContainTextAsync("12 events read");
        await Expect(page.GetByTestId("live-summary")).ToContainTextAsync("events per second");
        await Expect(page.GetByTestId("live-partitions")).ToContainTextAsync("partition");
        await UiServer.ScreenshotAsync(page, "live-page");
    }
}
