using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Djinn.E2E.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleJourneyTests(DjinnServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task An_operator_logs_in_and_a_wrong_password_is_refused()
    {
        var page = await server.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(ConsoleSession.LoginUrl());

            await page.GetByLabel("Username").FillAsync("admin");
            await page.GetByLabel("Password").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong username or password");
            await Expect(page).ToHaveURLAsync(ConsoleSession.LoginUrl());

            await ConsoleSession.LogInAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "login", output);
        }
    }

    [Fact]
    public async Task An_operator_creates_a_function_from_the_list_and_sees_it_listed()
    {
        var page = await server.NewPageAsync();
        try
        {
            await ConsoleSession.OpenAsync(page, "/functions");

            var name = page.GetByLabel("New function name");
            await name.FillAsync("Not Valid");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create function" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("lower-case letters");

            await name.FillAsync("e2e-hello");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create function" }).ClickAsync();
            var grid = page.GetByRole(AriaRole.Grid);
            await Expect(grid.GetByRole(AriaRole.Gridcell, new() { Name = "e2e-hello", Exact = true })).ToBeVisibleAsync();
            await Expect(grid.GetByRole(AriaRole.Gridcell, new() { Name = "/fn/e2e-hello", Exact = true })).ToBeVisibleAsync();

            // The first-start samples (hello, echo, logger) are listed too; the search narrows the list as one types.
            await Expect(grid.GetByRole(AriaRole.Gridcell, new() { Name = "echo", Exact = true })).ToBeVisibleAsync();
            await page.GetByLabel("Search functions").PressSequentiallyAsync("e2e-h");
            await Expect(grid.GetByRole(AriaRole.Gridcell, new() { Name = "echo", Exact = true })).ToBeHiddenAsync();
            await Expect(grid.GetByRole(AriaRole.Gridcell, new() { Name = "e2e-hello", Exact = true })).ToBeVisibleAsync();
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "create-function", output);
        }
    }
}
