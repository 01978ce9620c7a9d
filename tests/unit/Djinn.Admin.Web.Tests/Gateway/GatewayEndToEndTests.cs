using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Gateway;

/// <summary>Journeys against the real server process on 127.0.0.1 with a real SQLite file.</summary>
public sealed class GatewayEndToEndTests
{
    private const string AdminToken = "e2e-admin-token-0123456789";

    [Fact]
    public async Task A_fresh_server_seeds_hello_echo_and_logger_that_answer_right_after_start()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password");
        using var client = server.CreateClient(token: null);

        var hello = await client.GetAsync("/fn/hello");
        var echo = await client.PostAsync("/fn/echo", new StringContent("echo me"));
        var logger = await client.GetAsync("/fn/logger");

        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        Assert.Equal("Hello from Djinn!", (string?)JsonNode.Parse(await hello.Content.ReadAsStringAsync())!["message"]);
        Assert.Equal("application/json", hello.Content.Headers.ContentType?.MediaType);
        Assert.Equal("echo me", await echo.Content.ReadAsStringAsync());
        Assert.Equal(2, (int?)JsonNode.Parse(await logger.Content.ReadAsStringAsync())!["logged"]);
    }

    [Fact]
    public async Task Seeding_happens_only_on_first_start_and_never_over_existing_functions()
    {
        using var data = new TempDirectory();
        await using (var first = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password"))
        {
            using var admin = first.CreateClient(AdminToken);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/functions/echo")).StatusCode);
        }

        await using var second = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password");
        using var client = second.CreateClient(token: null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/fn/hello")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fn/echo")).StatusCode);
    }

    [Fact]
    public async Task Deleting_every_sample_is_respected_after_a_restart()
    {
        using var data = new TempDirectory();
        await using (var first = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password"))
        {
            using var admin = first.CreateClient(AdminToken);
            foreach (var sample in new[] { "hello", "echo", "logger" })
            {
                Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/functions/{sample}")).StatusCode);
            }
        }

        await using var second = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password");
        using var client = second.CreateClient(AdminToken);

        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/api/functions"))!);
    }

    [Fact]
    public async Task A_hostile_infinite_loop_with_timeout_500ms_gets_504_within_a_second_and_the_server_stays_healthy()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password");
        using var admin = server.CreateClient(AdminToken);
        using var client = server.CreateClient(token: null);
        await admin.DeployAsync("spin", GatewayFixtures.Misbehave);
        await admin.SetLimitsAsync("spin", new { timeoutMs = 500 });
        await client.GetAsync("/fn/hello");

        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync("/fn/spin");
        clock.Stop();

        var problem = await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout);
        Assert.Equal("Timeout", (string?)problem["trap"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"took {clock.Elapsed}");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"took {clock.Elapsed}");
        var spins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/fn/spin")));
        Assert.All(spins, r => Assert.Equal(HttpStatusCode.GatewayTimeout, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/fn/hello")).StatusCode);
        Assert.False(server.HasExited);
    }

    [Fact]
    public async Task A_deployed_function_gets_its_env_secrets_and_pinning_over_real_http()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password");
        using var admin = server.CreateClient(AdminToken);
        using var client = server.CreateClient(token: null);
        await admin.DeployAsync("env", GatewayFixtures.Environ, mode: "raw", route: "/env-route");
        await admin.SetEnvAsync("env", new() { ["MODE"] = "e2e" });
        await admin.SetSecretAsync("env", "TOKEN", "real-secret-42");
        await admin.UploadAsync("env", GatewayFixtures.Reply("second"), activate: "false");

        var active = await client.GetStringAsync("/env-route/anything");
        var pinned = await client.GetAsync("/fn/env@2");

        Assert.Equal(["MODE=e2e", "TOKEN=real-secret-42"], active.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.Equal("2", GatewayFixtures.VersionOf(pinned));
        // The function is in raw mode, so version 2's contract JSON passes through as the body.
        Assert.Equal("{\"status\":200,\"body\":\"second\"}", await pinned.Content.ReadAsStringAsync());
        await (await client.GetAsync("/fn/env@3")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrency_and_size_limits_hold_on_real_kestrel()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password");
        using var admin = server.CreateClient(AdminToken);
        using var client = server.CreateClient(token: null);
        await admin.DeployAsync("slow", GatewayFixtures.Misbehave);
        await admin.SetLimitsAsync("slow", new { maxConcurrency = 1, timeoutMs = 1500, maxRequestBytes = 64 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetAsync("/fn/slow")));
        var tooLarge = await client.PostAsync("/fn/slow", new StringContent(new string('x', 65), Encoding.ASCII));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Headers.RetryAfter is not null);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.GatewayTimeout);
        await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Deep_recursion_and_traps_on_real_kestrel_threads_are_500s_and_the_process_survives()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password");
        using var admin = server.CreateClient(AdminToken);
        using var client = server.CreateClient(token: null);
        await admin.DeployAsync("recurse", """
            (module
              (func $down (param i32) (call $down (i32.add (local.get 0) (i32.const 1))))
              (func (export "_start") (call $down (i32.const 0))))
            """);
        await admin.DeployAsync("trap", GatewayFixtures.Misbehave);
        await admin.DeployAsync("bad", GatewayFixtures.Misbehave);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.GetAsync(i % 2 == 0 ? "/fn/recurse" : "/fn/trap")));
        var bad = await client.GetAsync("/fn/bad");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode));
        await bad.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/fn/hello")).StatusCode);
        Assert.False(server.HasExited);
    }

    [Fact]
    public async Task The_server_answers_promptly_while_many_guests_spin_until_their_deadline()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path, AdminToken, "e2e-password");
        using var admin = server.CreateClient(AdminToken);
        using var client = server.CreateClient(token: null);
        await admin.DeployAsync("spin", GatewayFixtures.Misbehave);
        await admin.SetLimitsAsync("spin", new { timeoutMs = 3000, maxConcurrency = 32 });
        await client.GetAsync("/fn/hello");

        var spins = Enumerable.Range(0, 24).Select(_ => client.GetAsync("/fn/spin")).ToArray();
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        var health = await client.GetAsync("/healthz");
        var hello = await client.GetAsync("/fn/hello");
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed} while guests spun");
        Assert.All(await Task.WhenAll(spins), r => Assert.Equal(HttpStatusCode.GatewayTimeout, r.StatusCode));
    }
}
