using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Djinn.E2E.Tests;

/// <summary>Steps every console journey shares: logging in, waiting for the circuit, and the closing screenshot.</summary>
public static partial class ConsoleSession
{
    /// <summary>Fills the login form (the page must be on <c>/login</c>) with the admin account and waits to leave it.</summary>
    public static async Task LogInAsync(IPage page)
    {
        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(DjinnServerFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(LoginUrl());
    }

    /// <summary>Opens <paramref name="path"/> logged in, and waits until the page's circuit is interactive.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        if (LoginUrl().IsMatch(page.Url))
        {
            await LogInAsync(page);
            await page.GotoAsync(path);
        }

        await Expect(page.Locator("[data-interactive=true]").First).ToBeAttachedAsync();
    }

    /// <summary>Saves a full-page screenshot of the journey to the test output and closes the page's context.</summary>
    public static async Task ScreenshotAsync(IPage page, string journey, ITestOutputHelper output)
    {
        var path = Path.Combine(DjinnServerFixture.ScreenshotDirectory, journey + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
        await page.Context.CloseAsync();
    }

    /// <summary>Matches the login page's address.</summary>
    [GeneratedRegex("/login")]
    public static partial Regex LoginUrl();
}
