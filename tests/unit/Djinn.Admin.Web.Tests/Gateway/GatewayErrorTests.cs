using System.Diagnostics;
using System.Net;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Gateway;

public sealed class GatewayErrorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string SecretValue = "s3cr3t-value-that-must-not-leak";
    private const string EnvValue = "plain-env-value-not-for-bodies";

    private readonly HttpClient _admin = server.Admin();
    private readonly HttpClient _client = server.Factory.CreateClient();

    [Fact]
    public async Task A_trap_is_a_500_problem_naming_the_trap_code()
    {
        // misbehave.wat traps (unreachable) for names it does not know; "trap" starts with t.
        await _admin.DeployAsync("trap", GatewayFixtures.Misbehave);

        var problem = await (await _client.GetAsync("/fn/trap")).AssertProblemAsync(HttpStatusCode.InternalServerError);

        Assert.Equal("Unreachable", (string?)problem["trap"]);
        Assert.Equal("trap", (string?)problem["function"]);
        Assert.Equal(1, (int?)problem["version"]);
    }

    [Fact]
    public async Task A_timeout_is_a_504_problem()
    {
        await _admin.DeployAsync("spin-timeout", GatewayFixtures.Misbehave);
        await _admin.SetLimitsAsync("spin-timeout", new { timeoutMs = 300 });

        var clock = Stopwatch.StartNew();
        var problem = await (await _client.GetAsync("/fn/spin-timeout")).AssertProblemAsync(HttpStatusCode.GatewayTimeout);

        Assert.Equal("Timeout", (string?)problem["trap"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Running_out_of_fuel_is_a_500_problem()
    {
        await _admin.DeployAsync("spin-fuel", GatewayFixtures.Misbehave);
        await _admin.SetLimitsAsync("spin-fuel", new { fuel = 100_000, timeoutMs = 30_000 });

        var problem = await (await _client.GetAsync("/fn/spin-fuel")).AssertProblemAsync(HttpStatusCode.InternalServerError);

        Assert.Equal("OutOfFuel", (string?)problem["trap"]);
        Assert.Equal("OutOfFuel", (string?)problem["outcome"]);
    }

    [Fact]
    public async Task Output_that_is_not_a_contract_response_is_a_502_problem()
    {
        await _admin.DeployAsync("bad-output", GatewayFixtures.Misbehave);

        var problem = await (await _client.GetAsync("/fn/bad-output")).AssertProblemAsync(HttpStatusCode.BadGateway);

        Assert.Equal("BadResponse", (string?)problem["outcome"]);
        Assert.Contains("JSON", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_500_problem()
    {
        await _admin.DeployAsync("x-exit", GatewayFixtures.Misbehave);

        await (await _client.GetAsync("/fn/x-exit")).AssertProblemAsync(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Env_vars_and_decrypted_secrets_are_the_guests_whole_environment()
    {
        await _admin.DeployAsync("environ", GatewayFixtures.Environ, mode: "raw");
        await _admin.SetEnvAsync("environ", new() { ["GREETING"] = EnvValue });
        await _admin.SetSecretAsync("environ", "API_KEY", SecretValue);

        var response = await _client.GetAsync("/fn/environ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        Assert.Equal(["API_KEY=" + SecretValue, "GREETING=" + EnvValue], lines);
    }

    [Fact]
    public async Task Error_bodies_never_carry_secret_or_env_values()
    {
        // In JSON mode the environment dump is not a contract response: the 502 must not quote it.
        await _admin.DeployAsync("environ-json", GatewayFixtures.Environ);
        await _admin.SetEnvAsync("environ-json", new() { ["A"] = EnvValue });
        await _admin.SetSecretAsync("environ-json", "API_KEY", SecretValue);
        await _admin.DeployAsync("trap-secret", GatewayFixtures.Misbehave);
        await _admin.SetSecretAsync("trap-secret", "API_KEY", SecretValue);

        var bad = await _client.GetAsync("/fn/environ-json");
        var trap = await _client.GetAsync("/fn/trap-secret");

        await bad.AssertProblemAsync(HttpStatusCode.BadGateway);
        await trap.AssertProblemAsync(HttpStatusCode.InternalServerError);
        foreach (var response in new[] { bad, trap })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(SecretValue, body, StringComparison.Ordinal);
            Assert.DoesNotContain(EnvValue, body, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_server_keeps_answering_after_every_kind_of_guest_failure()
    {
        await _admin.DeployAsync("trap-then", GatewayFixtures.Misbehave);
        await _admin.DeployAsync("fine-after", GatewayFixtures.Reply("still here"));

        for (int i = 0; i < 5; i++)
        {
            await (await _client.GetAsync("/fn/trap-then")).AssertProblemAsync(HttpStatusCode.InternalServerError);
        }

        var response = await _client.GetAsync("/fn/fine-after");
        Assert.Equal("still here", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Env_and_secret_changes_are_seen_by_the_very_next_request()
    {
        await _admin.DeployAsync("environ-change", GatewayFixtures.Environ, mode: "raw");
        await _admin.SetEnvAsync("environ-change", new() { ["V"] = "one" });
        Assert.Equal("V=one\n", await _client.GetStringAsync("/fn/environ-change"));

        await _admin.SetEnvAsync("environ-change", new() { ["V"] = "two" });
        Assert.Equal("V=two\n", await _client.GetStringAsync("/fn/environ-change"));

        await _admin.SetSecretAsync("environ-change", "S", "three");
        Assert.Equal(["S=three", "V=two"], (await _client.GetStringAsync("/fn/environ-change")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task A_function_deleted_and_created_again_runs_its_new_code()
    {
        await _admin.DeployAsync("reborn", GatewayFixtures.Reply("old"));
        Assert.Equal("old", await _client.GetStringAsync("/fn/reborn"));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/functions/reborn")).StatusCode);
        await (await _client.GetAsync("/fn/reborn")).AssertProblemAsync(HttpStatusCode.NotFound);
        await _admin.DeployAsync("reborn", GatewayFixtures.Reply("new"));

        Assert.Equal("new", await _client.GetStringAsync("/fn/reborn"));
    }

    [Fact]
    public async Task Unbounded_recursion_is_a_500_problem_and_the_server_survives_it()
    {
        await _admin.DeployAsync("recurse", """
            (module
              (func $down (param i32) (call $down (i32.add (local.get 0) (i32.const 1))))
              (func (export "_start") (call $down (i32.const 0))))
            """);

        for (int i = 0; i < 3; i++)
        {
            var problem = await (await _client.GetAsync("/fn/recurse")).AssertProblemAsync(HttpStatusCode.InternalServerError);
            Assert.Equal("CallStackExhausted", (string?)problem["trap"]);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_module_without_start_is_a_500_problem()
    {
        await _admin.DeployAsync("no-start", "(module (func (export \"main\")))");

        var problem = await (await _client.GetAsync("/fn/no-start")).AssertProblemAsync(HttpStatusCode.InternalServerError);

        Assert.Contains("_start", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
