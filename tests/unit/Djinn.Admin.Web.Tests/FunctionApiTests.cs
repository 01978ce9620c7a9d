using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests;

public sealed class FunctionApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Admin();

    [Fact]
    public async Task Creating_a_function_returns_201_with_its_location_and_defaults()
    {
        var response = await _client.PostAsJsonAsync("/api/functions", new { name = "create-me" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/functions/create-me", response.Headers.Location?.OriginalString);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("create-me", (string?)body["name"]);
        Assert.Equal("json", (string?)body["mode"]);
        Assert.Equal("public", (string?)body["auth"]);
        Assert.Null(body["activeVersion"]);
    }

    [Fact]
    public async Task Creating_a_function_accepts_route_mode_auth_and_cors()
    {
        var response = await _client.PostAsJsonAsync("/api/functions", new
        {
            name = "configured",
            route = "/configured/here",
            mode = "raw",
            auth = "token",
            corsOrigins = new[] { "https://a.example", "https://b.example" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await _client.GetJsonAsync("/api/functions/configured");
        Assert.Equal("/configured/here", (string?)body["route"]);
        Assert.Equal("raw", (string?)body["mode"]);
        Assert.Equal("token", (string?)body["auth"]);
        Assert.Equal(2, body["corsOrigins"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("-leading-dash")]
    [InlineData("under_score")]
    [InlineData("dot.name")]
    [InlineData("trailing-newline\n")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task A_bad_name_is_rejected_with_400(string name)
    {
        var response = await _client.PostAsJsonAsync("/api/functions", new { name });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("^[a-z0-9][a-z0-9-]{0,62}$", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\":\"bad-mode\",\"mode\":\"binary\"}")]
    [InlineData("{\"name\":\"bad-route\",\"route\":\"no-leading-slash\"}")]
    [InlineData("{\"name\":\"bad-auth\",\"auth\":\"maybe\"}")]
    [InlineData("{\"name\":")]
    public async Task A_bad_field_is_rejected_with_400(string json)
    {
        var response = await _client.PostAsync("/api/functions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_missing_name_is_rejected_with_400()
    {
        var response = await _client.PostAsJsonAsync("/api/functions", new { route = "/x" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_63_character_name_is_accepted()
    {
        var name = "a" + new string('-', 61) + "z";

        var response = await _client.PostAsJsonAsync("/api/functions", new { name });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_duplicate_name_is_rejected_with_409()
    {
        await _client.CreateFunctionAsync("twice");

        var response = await _client.PostAsJsonAsync("/api/functions", new { name = "twice" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_route_used_by_another_function_is_rejected_with_409()
    {
        await _client.PostAsJsonAsync("/api/functions", new { name = "route-owner", route = "/taken" });

        var response = await _client.PostAsJsonAsync("/api/functions", new { name = "route-thief", route = "/taken" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Listing_functions_returns_them_by_name()
    {
        await _client.CreateFunctionAsync("list-b");
        await _client.CreateFunctionAsync("list-a");

        var list = (await _client.GetJsonAsync("/api/functions")).AsArray().Select(f => (string)f!["name"]!).ToList();

        Assert.Contains("list-a", list);
        Assert.Contains("list-b", list);
        Assert.Equal(list.Order(StringComparer.Ordinal), list);
    }

    [Fact]
    public async Task Patching_a_function_changes_only_the_given_fields()
    {
        await _client.PostAsJsonAsync("/api/functions", new { name = "patch-me", route = "/patch-me" });

        var response = await _client.PatchAsJsonAsync("/api/functions/patch-me", new { mode = "raw", corsOrigins = new[] { "https://x.example" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await _client.GetJsonAsync("/api/functions/patch-me");
        Assert.Equal("raw", (string?)body["mode"]);
        Assert.Equal("/patch-me", (string?)body["route"]);
        Assert.Equal("https://x.example", (string?)body["corsOrigins"]![0]);
    }

    [Fact]
    public async Task Patching_with_an_empty_route_clears_it()
    {
        await _client.PostAsJsonAsync("/api/functions", new { name = "clear-route", route = "/clear-route" });

        await _client.PatchAsJsonAsync("/api/functions/clear-route", new { route = "" });

        Assert.Null((await _client.GetJsonAsync("/api/functions/clear-route"))["route"]);
    }

    [Fact]
    public async Task A_canary_on_a_missing_version_is_rejected_with_400()
    {
        await _client.CreateFunctionAsync("canary-missing");

        var response = await _client.PatchAsJsonAsync("/api/functions/canary-missing", new { canaryVersion = 7, canaryPercent = 10 });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_canary_split_is_kept_on_the_function()
    {
        await _client.CreateFunctionAsync("canary");
        await _client.UploadAsync("canary", Modules.Minimal);
        await _client.UploadAsync("canary", Modules.WithImport, activate: "false");

        var response = await _client.PatchAsJsonAsync("/api/functions/canary", new { canaryVersion = 2, canaryPercent = 25 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await _client.GetJsonAsync("/api/functions/canary");
        Assert.Equal(1, (int?)body["activeVersion"]);
        Assert.Equal(2, (int?)body["canaryVersion"]);
        Assert.Equal(25, (int?)body["canaryPercent"]);
        var versions = (await _client.GetJsonAsync("/api/functions/canary/versions")).AsArray();
        Assert.True((bool)versions[1]!["canary"]!);
    }

    [Fact]
    public async Task A_canary_percent_above_100_is_rejected_with_400()
    {
        await _client.CreateFunctionAsync("canary-percent");
        await _client.UploadAsync("canary-percent", Modules.Minimal);

        var response = await _client.PatchAsJsonAsync("/api/functions/canary-percent", new { canaryVersion = 1, canaryPercent = 101 });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Deleting_a_function_removes_it_and_its_versions()
    {
        await _client.CreateFunctionAsync("delete-me");
        await _client.UploadAsync("delete-me", "(module (func (export \"delete-me-only\")))");

        var response = await _client.DeleteAsync("/api/functions/delete-me");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await _client.GetAsync("/api/functions/delete-me")).AssertProblemAsync(HttpStatusCode.NotFound);
        var orphans = await server.Factory.WithDbAsync(db => Task.FromResult(
            db.ModuleBlobs.Count(b => !db.Versions.Any(v => v.Sha256 == b.Sha256))));
        Assert.Equal(0, orphans);
    }

    [Theory]
    [InlineData("GET", "/api/functions/nope")]
    [InlineData("PATCH", "/api/functions/nope")]
    [InlineData("DELETE", "/api/functions/nope")]
    [InlineData("GET", "/api/functions/nope/versions")]
    [InlineData("POST", "/api/functions/nope/versions/1/activate")]
    [InlineData("GET", "/api/functions/nope/env")]
    [InlineData("PUT", "/api/functions/nope/env")]
    [InlineData("GET", "/api/functions/nope/secrets")]
    [InlineData("PUT", "/api/functions/nope/secrets/KEY")]
    [InlineData("DELETE", "/api/functions/nope/secrets/KEY")]
    [InlineData("GET", "/api/functions/nope/limits")]
    [InlineData("PUT", "/api/functions/nope/limits")]
    public async Task An_unknown_function_gives_404(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "PUT" or "PATCH")
        {
            request.Content = url.EndsWith("/secrets/KEY", StringComparison.Ordinal) ? JsonContent.Create(new { value = "v" }) : JsonContent.Create(new { });
        }

        var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Uploading_to_an_unknown_function_gives_404()
    {
        var response = await _client.PostAsync("/api/functions/nope/versions", Modules.Form(Modules.Minimal));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
