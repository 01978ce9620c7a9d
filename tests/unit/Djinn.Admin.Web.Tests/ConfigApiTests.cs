using System.Net;
using System.Net.Http.Json;
using System.Text;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests;

public sealed class ConfigApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Admin();

    [Fact]
    public async Task Env_vars_are_replaced_as_a_whole_by_put()
    {
        await _client.CreateFunctionAsync("env");
        await _client.PutAsJsonAsync("/api/functions/env/env", new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" });

        var response = await _client.PutAsJsonAsync("/api/functions/env/env", new Dictionary<string, string> { ["B"] = "two", ["C"] = "" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var env = (await _client.GetJsonAsync("/api/functions/env/env")).AsObject();
        Assert.Equal(["B", "C"], env.Select(kv => kv.Key));
        Assert.Equal("two", (string?)env["B"]);
    }

    [Fact]
    public async Task Env_of_a_new_function_is_empty()
    {
        await _client.CreateFunctionAsync("env-empty");

        Assert.Empty((await _client.GetJsonAsync("/api/functions/env-empty/env")).AsObject());
    }

    [Theory]
    [InlineData("{\"1ABC\":\"x\"}")]
    [InlineData("{\"HAS-DASH\":\"x\"}")]
    [InlineData("{\"NUMBER\":1}")]
    [InlineData("[\"not an object\"]")]
    public async Task Bad_env_gives_400_and_keeps_the_old_values(string json)
    {
        var name = "env-bad-" + Guid.NewGuid().ToString("N")[..8];
        await _client.CreateFunctionAsync(name);
        await _client.PutAsJsonAsync($"/api/functions/{name}/env", new Dictionary<string, string> { ["KEEP"] = "me" });

        var response = await _client.PutAsync($"/api/functions/{name}/env", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("me", (string?)(await _client.GetJsonAsync($"/api/functions/{name}/env"))["KEEP"]);
    }

    [Fact]
    public async Task Secrets_are_listed_by_name_only()
    {
        await _client.CreateFunctionAsync("secrets");

        var put = await _client.PutAsJsonAsync("/api/functions/secrets/secrets/DB_PASSWORD", new { value = "hunter2-visible-nowhere" });
        await _client.PutAsJsonAsync("/api/functions/secrets/secrets/API_KEY", new { value = "k" });

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var response = await _client.GetAsync("/api/functions/secrets/secrets");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("[\"API_KEY\",\"DB_PASSWORD\"]", body);
    }

    [Fact]
    public async Task Setting_a_secret_again_replaces_it()
    {
        await _client.CreateFunctionAsync("secret-twice");
        await _client.PutAsJsonAsync("/api/functions/secret-twice/secrets/TOKEN", new { value = "old" });

        await _client.PutAsJsonAsync("/api/functions/secret-twice/secrets/TOKEN", new { value = "new" });

        var values = await server.Factory.WithServiceAsync<Djinn.Data.Services.SecretStore, Dictionary<string, string>?>(s => s.RevealAllAsync("secret-twice"));
        Assert.Equal("new", values!["TOKEN"]);
    }

    [Fact]
    public async Task Deleting_a_secret_removes_its_name()
    {
        await _client.CreateFunctionAsync("secret-delete");
        await _client.PutAsJsonAsync("/api/functions/secret-delete/secrets/GONE", new { value = "x" });

        var response = await _client.DeleteAsync("/api/functions/secret-delete/secrets/GONE");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty((await _client.GetJsonAsync("/api/functions/secret-delete/secrets")).AsArray());
    }

    [Fact]
    public async Task Deleting_a_missing_secret_gives_404()
    {
        await _client.CreateFunctionAsync("secret-missing");

        var response = await _client.DeleteAsync("/api/functions/secret-missing/secrets/NOPE");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("bad-name", "{\"value\":\"x\"}")]
    [InlineData("OK_NAME", "{}")]
    [InlineData("OK_NAME", "{\"value\":5}")]
    public async Task A_bad_secret_gives_400(string key, string json)
    {
        var name = "secret-bad-" + Guid.NewGuid().ToString("N")[..8];
        await _client.CreateFunctionAsync(name);

        var response = await _client.PutAsync($"/api/functions/{name}/secrets/{key}", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Limits_of_a_new_function_are_the_documented_defaults()
    {
        await _client.CreateFunctionAsync("limits-default");

        var limits = await _client.GetJsonAsync("/api/functions/limits-default/limits");

        Assert.Equal(10_000, (long?)limits["timeoutMs"]);
        Assert.Equal(64, (long?)limits["memoryMb"]);
        Assert.Equal(0, (long?)limits["fuel"]);
        Assert.Equal(16, (long?)limits["maxConcurrency"]);
        Assert.Equal(1024 * 1024, (long?)limits["maxRequestBytes"]);
        Assert.Equal(1024 * 1024, (long?)limits["maxResponseBytes"]);
        Assert.Equal(100, (long?)limits["rateLimitPerSecond"]);
        Assert.Equal(200, (long?)limits["rateLimitBurst"]);
    }

    [Fact]
    public async Task Putting_limits_changes_the_given_fields_and_keeps_the_rest()
    {
        await _client.CreateFunctionAsync("limits-put");

        var response = await _client.PutAsJsonAsync("/api/functions/limits-put/limits", new { timeoutMs = 2500, fuel = 1_000_000, rateLimitBurst = 5 });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var limits = await _client.GetJsonAsync("/api/functions/limits-put/limits");
        Assert.Equal(2500, (long?)limits["timeoutMs"]);
        Assert.Equal(1_000_000, (long?)limits["fuel"]);
        Assert.Equal(5, (long?)limits["rateLimitBurst"]);
        Assert.Equal(64, (long?)limits["memoryMb"]);
    }

    [Theory]
    [InlineData("timeoutMs", 0)]
    [InlineData("timeoutMs", 300_001)]
    [InlineData("memoryMb", 0)]
    [InlineData("memoryMb", 4097)]
    [InlineData("fuel", -1)]
    [InlineData("maxConcurrency", 0)]
    [InlineData("maxConcurrency", 1025)]
    [InlineData("maxRequestBytes", -1)]
    [InlineData("maxRequestBytes", 268_435_457)]
    [InlineData("maxResponseBytes", 268_435_457)]
    [InlineData("rateLimitPerSecond", -1)]
    [InlineData("rateLimitBurst", 100_001)]
    [InlineData("timeoutMs", 99_999_999_999)]
    public async Task An_out_of_range_limit_gives_400_naming_the_field_and_changes_nothing(string field, long value)
    {
        var name = "limits-bad-" + Guid.NewGuid().ToString("N")[..8];
        await _client.CreateFunctionAsync(name);
        var body = new Dictionary<string, long> { [field] = value, ["rateLimitPerSecond"] = field == "rateLimitPerSecond" ? value : 7 };

        var response = await _client.PutAsJsonAsync($"/api/functions/{name}/limits", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
        Assert.Equal(100, (long?)(await _client.GetJsonAsync($"/api/functions/{name}/limits"))["rateLimitPerSecond"]);
    }
}
