using Microsoft.Playwright;
using Orchestrated.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Orchestrated.Ui.Tests;

public sealed class LoginTests(SecuredUiServer server) : IClassFixture<SecuredUiServer>
{
    static LoginTests() => SetDefaultExpectTimeout(60_000);

    [Fact]
    public async Task A_person_is_sent_to_sign_in_refused_with_a_wrong_password_and_let_in_with_the_right_one()
    {
        var page = await server.OpenAsync("#/grid");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("login\\.html"));
        await page.GetByTestId("login-user").FillAsync(SecuredUiServer.User);
        await page.GetByTestId("login-password").FillAsync("wrong");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        await UiServer.ScreenshotAsync(page, "login-refused");

        await page.GetByTestId("login-password").FillAsync(SecuredUiServer.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Grid");
        await page.GotoAsync(server.Url + "/#/dag");
        await Expect(page.GetByTestId("node-ingest_raw_events")).ToBeVisibleAsync();
    }
}
