using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Gateway;

public sealed class GatewayOptionsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _admin = server.Admin();
    private readonly HttpClient _client = server.Factory.CreateClient();

    [Fact]
    public async Task A_function_requiring_a_token_is_401_without_one_and_runs_with_an_api_token()
    {
        await _admin.DeployAsync("private", GatewayFixtures.Contract, auth: "token");
        var created = await _admin.PostAsJsonAsync("/api/tokens", new { name = "invoker" });
        var token = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;

        var anonymous = await _client.GetAsync("/fn/private");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/fn/private");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "djinn_not-a-real-token");
        var withWrongToken = await _client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/fn/private");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var withToken = await _client.SendAsync(right);

        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await withWrongToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        var request = JsonNode.Parse(await withToken.Content.ReadAsStringAsync())!;
        Assert.Null(request["headers"]!["Authorization"]);
        Assert.DoesNotContain(token, await withToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_function_needs_no_token()
    {
        await _admin.DeployAsync("public-fn", GatewayFixtures.Reply("open"));

        Assert.Equal("open", await _client.GetStringAsync("/fn/public-fn"));
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_gets_the_allow_headers()
    {
        await _admin.DeployAsync("cors", GatewayFixtures.Reply("ok"), corsOrigins: ["https://app.example"]);

        using var request = new HttpRequestMessage(HttpMethod.Options, "/fn/cors/x");
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal("content-type", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    [Fact]
    public async Task Other_origins_get_no_allow_origin_header_on_preflight_or_response()
    {
        await _admin.DeployAsync("cors-strict", GatewayFixtures.Reply("ok"), corsOrigins: ["https://app.example"]);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/fn/cors-strict");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var preflightResponse = await _client.SendAsync(preflight);
        using var actual = new HttpRequestMessage(HttpMethod.Get, "/fn/cors-strict");
        actual.Headers.Add("Origin", "https://evil.example");
        var actualResponse = await _client.SendAsync(actual);

        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, actualResponse.StatusCode);
        Assert.False(actualResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_actual_request_from_an_allowed_origin_carries_allow_origin()
    {
        await _admin.DeployAsync("cors-actual", GatewayFixtures.Reply("ok"), corsOrigins: ["https://app.example"]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/fn/cors-actual");
        request.Headers.Add("Origin", "https://app.example");
        var response = await _client.SendAsync(request);

        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_traceparent_trace_id_reaches_the_guest_and_the_header_is_echoed()
    {
        await _admin.DeployAsync("traced", GatewayFixtures.Contract);
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        using var request = new HttpRequestMessage(HttpMethod.Get, "/fn/traced");
        request.Headers.Add("traceparent", traceParent);
        var response = await _client.SendAsync(request);

        Assert.Equal(traceParent, response.Headers.GetValues("traceparent").Single());
        var guestRequest = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", (string?)guestRequest["trace_id"]);
    }

    [Fact]
    public async Task A_request_without_traceparent_gets_a_fresh_one_matching_its_trace_id()
    {
        await _admin.DeployAsync("traced-new", GatewayFixtures.Contract);

        var response = await _client.GetAsync("/fn/traced-new");

        var traceParent = response.Headers.GetValues("traceparent").Single();
        var guestRequest = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(55, traceParent.Length);
        Assert.Equal(traceParent.Substring(3, 32), (string?)guestRequest["trace_id"]);
    }

    [Fact]
    public async Task The_servers_own_cookies_never_reach_the_guest_but_other_cookies_do()
    {
        await _admin.DeployAsync("cookies", GatewayFixtures.Contract);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/fn/cookies");
        request.Headers.Add("Cookie", ".AspNetCore.Cookies=console-session; theme=dark");
        var guestRequest = JsonNode.Parse(await (await _client.SendAsync(request)).Content.ReadAsStringAsync())!;

        Assert.Equal("theme=dark", (string?)guestRequest["headers"]!["Cookie"]![0]);
    }
}
