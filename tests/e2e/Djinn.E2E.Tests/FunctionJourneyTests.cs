using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Djinn.E2E.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class FunctionJourneyTests(DjinnServerFixture server, ITestOutputHelper output)
{
    /// <summary>Writes its whole environment (NUL separators as spaces) as the response body of the JSON contract.</summary>
    private const string EnvironmentEcho = """
        (module
          (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 2)
          (data (i32.const 100) "{\"body\":\"")
          (data (i32.const 120) "\"}")
          (func (export "_start")
            (local $i i32) (local $end i32)
            (drop (call $sizes (i32.const 0) (i32.const 4)))
            (drop (call $environ_get (i32.const 1024) (i32.const 8192)))
            (local.set $i (i32.const 8192))
            (local.set $end (i32.add (i32.const 8192) (i32.load (i32.const 4))))
            (block $done
              (loop $scan
                (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
                (if (i32.eqz (i32.load8_u (local.get $i))) (then (i32.store8 (local.get $i) (i32.const 32))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $scan)))
            (i32.store (i32.const 16) (i32.const 100))
            (i32.store (i32.const 20) (i32.const 9))
            (i32.store (i32.const 24) (i32.const 8192))
            (i32.store (i32.const 28) (i32.load (i32.const 4)))
            (i32.store (i32.const 32) (i32.const 120))
            (i32.store (i32.const 36) (i32.const 2))
            (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 3) (i32.const 40)))))
        """;

    [Fact]
    public async Task An_operator_uploads_a_version_and_invokes_it_from_the_test_tab()
    {
        await JourneyAsync("upload-and-invoke", async page =>
        {
            await CreateFunctionAsync(page, "journey-hello");
            await OpenTabAsync(page, "journey-hello", "Versions");
            await UploadAsync(page, "hello.wat", Reply("hello from v1"), notes: "first cut");

            var versions = page.GetByRole(AriaRole.Table, new() { Name = "Versions" });
            await Expect(versions.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
            await Expect(versions).ToContainTextAsync("first cut");
            await Expect(versions).ToContainTextAsync("active");

            await page.GetByRole(AriaRole.Tab, new() { Name = "Test" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
            await Expect(page.GetByLabel("Response body")).ToContainTextAsync("hello from v1");
            await Expect(page.GetByTestId("status")).ToContainTextAsync("200");
            await Expect(page.GetByTestId("fuel")).ToHaveTextAsync(new Regex("^[1-9][0-9,]*$"));
        });
    }

    [Fact]
    public async Task An_operator_rolls_back_to_the_first_version_and_the_gateway_serves_it_again_then_tries_a_canary()
    {
        await JourneyAsync("rollback", async page =>
        {
            await CreateFunctionAsync(page, "journey-rollback");
            await OpenTabAsync(page, "journey-rollback", "Versions");
            await UploadAsync(page, "one.wat", Reply("version one"));
            var versions = page.GetByRole(AriaRole.Table, new() { Name = "Versions" });
            await Expect(versions.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
            await UploadAsync(page, "two.wat", Reply("version two"));
            await Expect(versions.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
            Assert.Equal("version two", await InvokeAsync("journey-rollback"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Activate version 1" }).ClickAsync();
            // The confirmation dialog's button; the rows' buttons are named "Activate version N".
            await page.GetByRole(AriaRole.Button, new() { Name = "Activate", Exact = true }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Activate version 2" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Activate version 1" })).ToHaveCountAsync(0);
            Assert.Equal("version one", await InvokeAsync("journey-rollback"));

            // A canary taking every request sends traffic to version 2 until it is cleared.
            await page.GetByLabel("Canary version").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "2", Exact = true }).ClickAsync();
            await page.GetByLabel("Canary percent").FillAsync("100");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save canary" }).ClickAsync();
            await Expect(versions).ToContainTextAsync("canary");
            Assert.Equal("version two", await InvokeAsync("journey-rollback"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Clear canary" }).ClickAsync();
            await Expect(versions).Not.ToContainTextAsync("canary");
            Assert.Equal("version one", await InvokeAsync("journey-rollback"));
        });
    }

    [Fact]
    public async Task A_secret_reaches_the_guest_but_never_the_page()
    {
        const string secret = "s3cret-e2e-value-7781";
        await JourneyAsync("secret", async page =>
        {
            await CreateFunctionAsync(page, "journey-secret");
            await OpenTabAsync(page, "journey-secret", "Versions");
            await UploadAsync(page, "env.wat", Encoding.UTF8.GetBytes(EnvironmentEcho));
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Versions" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(2);

            await page.GetByRole(AriaRole.Tab, new() { Name = "Configuration" }).ClickAsync();
            await page.GetByLabel("Secret name").FillAsync("API_KEY");
            await page.GetByLabel("Secret value").FillAsync(secret);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save secret" }).ClickAsync();

            var secrets = page.GetByRole(AriaRole.Table, new() { Name = "Secrets" });
            await Expect(secrets).ToContainTextAsync("API_KEY");
            await Expect(secrets).ToContainTextAsync("••••••••");
            await Expect(page.GetByLabel("Secret value")).ToHaveValueAsync("");
            Assert.Contains("API_KEY=" + secret, await InvokeAsync("journey-secret"), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
            await secrets.ScrollIntoViewIfNeededAsync();
        });
    }

    [Fact]
    public async Task An_out_of_range_limit_is_explained_beside_its_field_and_a_valid_one_is_saved()
    {
        await JourneyAsync("limits", async page =>
        {
            await CreateFunctionAsync(page, "journey-limits");
            await OpenTabAsync(page, "journey-limits", "Configuration");

            var timeout = page.GetByLabel("Timeout (ms)");
            await timeout.FillAsync("0");
            await timeout.PressAsync("Tab");
            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Timeout (ms) must be between 1 and 300000, was 0" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save limits" })).ToBeDisabledAsync();

            await timeout.FillAsync("2500");
            await timeout.PressAsync("Tab");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
            await Expect(page.GetByText("Limits saved")).ToBeVisibleAsync();
            await page.ReloadAsync();
            await Expect(page.Locator("[data-interactive=true]").First).ToBeAttachedAsync();
            await page.GetByRole(AriaRole.Tab, new() { Name = "Configuration" }).ClickAsync();
            await Expect(page.GetByLabel("Timeout (ms)")).ToHaveValueAsync("2500");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ScrollIntoViewIfNeededAsync();
        });
    }

    [Fact]
    public async Task A_malformed_upload_shows_the_engine_error_and_the_version_list_is_unchanged()
    {
        await JourneyAsync("malformed-upload", async page =>
        {
            await CreateFunctionAsync(page, "journey-malformed");
            await OpenTabAsync(page, "journey-malformed", "Versions");
            await UploadAsync(page, "good.wat", Reply("fine"));
            var versions = page.GetByRole(AriaRole.Table, new() { Name = "Versions" });
            await Expect(versions.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);

            await UploadAsync(page, "broken.wat", Encoding.UTF8.GetBytes("(module (func (export \"_start\")"));

            var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Invalid module" });
            await Expect(alert).ToBeVisibleAsync();
            Assert.Matches(@"Invalid module: \S+", await alert.InnerTextAsync());
            // Nothing was stored: the gateway knows no version 2, and version 1 still serves.
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            using var pinned = await http.GetAsync(new Uri("/fn/journey-malformed@2", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, pinned.StatusCode);
            Assert.Equal("fine", await InvokeAsync("journey-malformed"));
            await Expect(versions.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        });
    }

    /// <summary>Runs <paramref name="steps"/> on a new page, with the server's log on failure and a closing screenshot.</summary>
    private async Task JourneyAsync(string screenshot, Func<IPage, Task> steps)
    {
        var page = await server.NewPageAsync();
        try
        {
            await steps(page);
        }
        catch (Exception)
        {
            output.WriteLine(server.ServerLog);
            throw;
        }
        finally
        {
            await ConsoleSession.ScreenshotAsync(page, screenshot, output);
        }
    }

    /// <summary>A JSON-contract module that answers 200 with <paramref name="text"/> (plain characters only) as its body.</summary>
    private static byte[] Reply(string text)
    {
        var json = $$"""{"status":200,"headers":{"content-type":["text/plain"]},"body":"{{text}}"}""";
        var length = Encoding.UTF8.GetByteCount(json);
        var wat = $$"""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 64) "{{json.Replace("\"", "\\\"", StringComparison.Ordinal)}}")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 64))
                (i32.store (i32.const 4) (i32.const {{length}}))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """;
        return Encoding.UTF8.GetBytes(wat);
    }

    private static async Task CreateFunctionAsync(IPage page, string name)
    {
        await ConsoleSession.OpenAsync(page, "/functions");
        await page.GetByLabel("New function name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create function" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
    }

    private static async Task OpenTabAsync(IPage page, string function, string tab)
    {
        await ConsoleSession.OpenAsync(page, "/functions/" + function);
        await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
    }

    /// <summary>Chooses a file in the Versions tab's upload, adds notes and uploads it.</summary>
    private static async Task UploadAsync(IPage page, string fileName, byte[] content, string? notes = null)
    {
        var upload = page.GetByRole(AriaRole.Button, new() { Name = "Upload version" });
        var file = new FilePayload { Name = fileName, MimeType = "text/plain", Buffer = content };
        // RadzenUpload attaches its change listener after its first render; a file chosen a moment earlier is not seen,
        // so choose it again until the component has taken it.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("input[type=file]").SetInputFilesAsync(file);
            try
            {
                await Expect(upload).ToBeEnabledAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        if (notes is not null)
        {
            await page.GetByLabel("Notes", new() { Exact = true }).FillAsync(notes);
        }

        await upload.ClickAsync();
    }

    /// <summary>The gateway's answer body for <c>GET /fn/{name}</c>, asserting 200.</summary>
    private async Task<string> InvokeAsync(string function)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri("/fn/" + function, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }
}
