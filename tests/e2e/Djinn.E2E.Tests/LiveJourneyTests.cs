using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Djinn.E2E.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class LiveJourneyTests(DjinnServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task A_stderr_line_appears_in_the_logs_tab_within_two_seconds()
    {
        var page = await server.NewPageAsync();
        try
        {
            await ConsoleSession.OpenAsync(page, "/functions/logger");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Logs" }).ClickAsync();
            await Expect(page.Locator("[data-following=true]")).ToBeAttachedAsync();
            // Cleared first, so whatever shows up next was streamed live, not read back from storage.
            await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
            var log = page.GetByRole(AriaRole.Log, new() { Name = "Log lines" });
            await Expect(log).Not.ToContainTextAsync("logger: handling a request");

            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            using var response = await http.GetAsync(new Uri("/fn/logger", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            await Expect(log).ToContainTextAsync("logger: handling a request", new() { Timeout = 2000 });
            await Expect(log).ToContainTextAsync("logger: done, answering 200", new() { Timeout = 2000 });
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "logs-live-tail", output);
        }
    }

    [Fact]
    public async Task The_logs_tab_keeps_every_line_of_a_flood_of_hundreds_of_lines_per_second_and_renders_only_the_visible_ones()
    {
        await DeployFloodFunctionAsync();
        var page = await server.NewPageAsync();
        try
        {
            await ConsoleSession.OpenAsync(page, "/functions/" + FloodFunction);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Logs" }).ClickAsync();
            await Expect(page.Locator("[data-following=true]")).ToBeAttachedAsync();

            var started = DateTime.UtcNow;
            var calls = await DriveLoadAsync("/fn/" + FloodFunction, TimeSpan.FromSeconds(2), callers: 3);
            var seconds = (DateTime.UtcNow - started).TotalSeconds;

            var lines = calls * FloodLinesPerCall;
            output.WriteLine($"{lines} lines in {seconds:0.0} s ({lines / seconds:0} lines/s)");
            Assert.True(lines / seconds >= 200, $"the load reached only {lines / seconds:0} lines/s");
            await Expect(page.GetByText($"{lines} of {lines} lines")).ToBeVisibleAsync(new() { Timeout = 5000 });
            var rendered = await page.GetByRole(AriaRole.Log, new() { Name = "Log lines" }).Locator(".log-line").CountAsync();
            Assert.InRange(rendered, 1, 150);
            var log = page.GetByRole(AriaRole.Log, new() { Name = "Log lines" });
            await Expect(log).ToContainTextAsync("flood: line 10 of 10");
            // The view follows the tail: it is scrolled to the bottom, where the newest line is.
            var atBottom = false;
            for (var attempt = 0; attempt < 20 && !atBottom; attempt++)
            {
                atBottom = await log.EvaluateAsync<bool>("e => e.scrollTop + e.clientHeight >= e.scrollHeight - 8");
                await Task.Delay(atBottom ? 0 : 100);
            }

            Assert.True(atBottom, "the log view did not stay at the newest line");
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "logs-flood", output);
        }
    }

    private const string FloodFunction = "journey-flood";
    private const int FloodLinesPerCall = 10;

    /// <summary>Deploys, through the admin API, a guest writing ten stderr lines per call, with the rate limit lifted.</summary>
    private async Task DeployFloodFunctionAsync()
    {
        var lines = string.Concat(Enumerable.Range(1, FloodLinesPerCall).Select(i => $"flood: line {i} of {FloodLinesPerCall}\\0a"));
        var length = Enumerable.Range(1, FloodLinesPerCall).Sum(i => $"flood: line {i} of {FloodLinesPerCall}\n".Length);
        var wat = $$"""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 64) "{{lines}}")
              (data (i32.const 1024) "{\"status\":200,\"body\":\"flooded\"}")
              (func $write (param $fd i32) (param $ptr i32) (param $len i32)
                (i32.store (i32.const 0) (local.get $ptr))
                (i32.store (i32.const 4) (local.get $len))
                (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
              (func (export "_start")
                (call $write (i32.const 2) (i32.const 64) (i32.const {{length}}))
                (call $write (i32.const 1) (i32.const 1024) (i32.const 31))))
            """;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + DjinnServerFixture.AdminPassword)));
        using (var created = await http.PostAsJsonAsync(new Uri("/api/functions", UriKind.Relative), new { name = FloodFunction }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(wat)), "module", "flood.wat" } };
        using (var uploaded = await http.PostAsync(new Uri($"/api/functions/{FloodFunction}/versions", UriKind.Relative), form))
        {
            Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        }

        using var limits = await http.PutAsJsonAsync(new Uri($"/api/functions/{FloodFunction}/limits", UriKind.Relative), new
        {
            timeoutMs = 10000, memoryMb = 64, fuel = 0, maxConcurrency = 64, maxRequestBytes = 1048576, maxResponseBytes = 1048576,
            rateLimitPerSecond = 0, rateLimitBurst = 0,
        });
        Assert.True(limits.IsSuccessStatusCode, await limits.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_logs_tab_pauses_filters_and_downloads_the_tail()
    {
        var page = await server.NewPageAsync();
        try
        {
            await ConsoleSession.OpenAsync(page, "/functions/logger");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Logs" }).ClickAsync();
            await Expect(page.Locator("[data-following=true]")).ToBeAttachedAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
            var log = page.GetByRole(AriaRole.Log, new() { Name = "Log lines" });
            using var http = new HttpClient { BaseAddress = server.BaseAddress };

            await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
            (await http.GetAsync(new Uri("/fn/logger", UriKind.Relative))).Dispose();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Paused · 2 new lines");
            await Expect(log).Not.ToContainTextAsync("logger:");
            await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
            await Expect(log).ToContainTextAsync("logger: done, answering 200");

            await page.GetByLabel("Filter lines").FillAsync("DONE");
            await Expect(log).Not.ToContainTextAsync("handling a request");
            await Expect(log).ToContainTextAsync("logger: done, answering 200");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
            Assert.EndsWith(".log", download.SuggestedFilename, StringComparison.Ordinal);
            var text = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.Matches("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z v1 \\S+ logger: done, answering 200\\n$", text);
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "logs-pause-filter-download", output);
        }
    }

    [Fact]
    public async Task The_dashboard_chart_moves_under_load()
    {
        var page = await server.NewPageAsync();
        try
        {
            await ConsoleSession.OpenAsync(page, "/");
            var chart = page.GetByRole(AriaRole.Figure, new() { Name = "Requests per second chart" });
            await Expect(chart.Locator("svg").First).ToBeVisibleAsync();
            var before = await chart.GetAttributeAsync("data-latest");

            await DriveLoadAsync("/fn/hello", TimeSpan.FromSeconds(3));

            var card = page.GetByRole(AriaRole.Group, new() { Name = "Requests per second" });
            await Expect(card).Not.ToHaveAttributeAsync("data-value", "0", new() { Timeout = 3000 });
            await Expect(chart).Not.ToHaveAttributeAsync("data-latest", before ?? "", new() { Timeout = 3000 });
            Assert.True(Number(await card.GetAttributeAsync("data-value")) > 0);
            Assert.True(Number(await chart.GetAttributeAsync("data-latest")) > 0);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "hello", Exact = true })).ToBeVisibleAsync();
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "dashboard-under-load", output);
        }
    }

    [Fact]
    public async Task The_overview_tab_lists_new_invocations_live()
    {
        var page = await server.NewPageAsync();
        try
        {
            await ConsoleSession.OpenAsync(page, "/functions/hello");
            var overview = page.GetByRole(AriaRole.Region, new() { Name = "Overview" });
            await Expect(overview.GetByRole(AriaRole.Figure, new() { Name = "Latency chart" })).ToBeVisibleAsync();

            await DriveLoadAsync("/fn/hello", TimeSpan.FromSeconds(1));

            var recent = overview.GetByRole(AriaRole.Region, new() { Name = "Recent invocations" });
            await Expect(recent.GetByRole(AriaRole.Gridcell, new() { Name = "200" }).First).ToBeVisibleAsync(new() { Timeout = 5000 });
            await Expect(overview.GetByRole(AriaRole.Group, new() { Name = "Requests per second" })).Not.ToHaveAttributeAsync("data-value", "0");
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "overview-live", output);
        }
    }

    [Fact]
    public async Task The_audit_log_filters_by_target_and_actor()
    {
        var page = await server.NewPageAsync();
        try
        {
            await ConsoleSession.OpenAsync(page, "/audit");
            var grid = page.GetByRole(AriaRole.Grid);
            await page.GetByLabel("Filter by target").FillAsync("function/logger");
            await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "function/logger", Exact = true }).First).ToBeVisibleAsync();
            await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "function/hello", Exact = true })).ToHaveCountAsync(0);

            await page.GetByLabel("Filter by actor").FillAsync("nobody-did-this");
            await Expect(grid).ToContainTextAsync("No audit entries.");
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "audit-filter", output);
        }
    }

    [Fact]
    public async Task A_token_is_shown_once_works_against_the_api_and_is_refused_once_revoked()
    {
        var page = await server.NewPageAsync();
        try
        {
            await ConsoleSession.OpenAsync(page, "/tokens");
            await page.GetByLabel("Token name").FillAsync("e2e-ci");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

            var reveal = page.GetByRole(AriaRole.Region, new() { Name = "New token" });
            await Expect(reveal).ToContainTextAsync("will not be shown again");
            var token = await reveal.GetByLabel("New token value").InputValueAsync();
            Assert.StartsWith("djinn_", token, StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(DjinnServerFixture.ScreenshotDirectory, "token-shown-once.png") });
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await reveal.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
            await Expect(reveal.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
            Assert.Equal(token, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
            Assert.Equal(HttpStatusCode.OK, await ListFunctionsAsync(token));

            await reveal.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
            await Expect(reveal).ToBeHiddenAsync();
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
            await ConsoleSession.OpenAsync(page, "/tokens");
            await Expect(page.GetByRole(AriaRole.Gridcell, new() { Name = "e2e-ci", Exact = true })).ToBeVisibleAsync();
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);

            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke e2e-ci" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Revoke token" });
            await Expect(dialog).ToContainTextAsync("Revoke 'e2e-ci'");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke e2e-ci" })).ToBeHiddenAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, await ListFunctionsAsync(token));
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "token-lifecycle", output);
        }
    }

    [Fact]
    public async Task After_the_connection_drops_the_console_shows_it_reconnects_and_goes_on_updating()
    {
        var page = await server.NewPageAsync();
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        var offline = false;
        // Every circuit connection goes through these routes, so the test can cut it and refuse new ones for a while.
        await page.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
        {
            lock (sockets)
            {
                sockets.Add((ws, ws.ConnectToServer()));
            }
        });
        await page.RouteAsync(new Regex("/_blazor/negotiate"), route => offline ? route.AbortAsync() : route.ContinueAsync());
        try
        {
            await ConsoleSession.OpenAsync(page, "/");

            offline = true;
            (IWebSocketRoute Page, IWebSocketRoute Server)[] open;
            lock (sockets)
            {
                open = [.. sockets];
            }

            foreach (var (pageSide, serverSide) in open)
            {
                await serverSide.CloseAsync();
                await pageSide.CloseAsync();
            }

            var reconnect = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Connection lost. Reconnecting…" });
            await Expect(reconnect).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(DjinnServerFixture.ScreenshotDirectory, "reconnecting.png") });

            offline = false;
            await Expect(reconnect).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await DriveLoadAsync("/fn/echo", TimeSpan.FromSeconds(2));
            var top = page.GetByRole(AriaRole.Region, new() { Name = "Top functions" });
            await Expect(top.GetByRole(AriaRole.Link, new() { Name = "echo", Exact = true })).ToBeVisibleAsync(new() { Timeout = 5000 });
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, "reconnected", output);
        }
    }

    private async Task<HttpStatusCode> ListFunctionsAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(new Uri("/api/functions", UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>
    /// Calls <paramref name="path"/> from <paramref name="callers"/> loops, each at most about 30 times a second (three stay below
    /// the default rate limit of 100/s), for <paramref name="duration"/>; returns the number of calls.
    /// </summary>
    private async Task<int> DriveLoadAsync(string path, TimeSpan duration, int callers = 1)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var until = DateTime.UtcNow + duration;
        var calls = await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            var count = 0;
            while (DateTime.UtcNow < until)
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                count++;
                await Task.Delay(25);
            }

            return count;
        }));
        return calls.Sum();
    }

    private static double Number(string? value) => double.Parse(value ?? "0", CultureInfo.InvariantCulture);
}
