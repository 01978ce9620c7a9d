using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Gateway;

public sealed class GatewayRoutingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _admin = server.Admin();
    private readonly HttpClient _client = server.Factory.CreateClient();

    [Fact]
    public async Task The_active_version_answers_on_fn_name_with_its_status_headers_and_body()
    {
        await _admin.DeployAsync("route-active", GatewayFixtures.Reply("made", status: 201));

        var response = await _client.GetAsync("/fn/route-active");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("made", await response.Content.ReadAsStringAsync());
        Assert.Equal("1", GatewayFixtures.VersionOf(response));
    }

    [Fact]
    public async Task Path_query_uri_method_and_body_reach_the_guest_in_the_request_json()
    {
        await _admin.DeployAsync("contract", GatewayFixtures.Contract);

        var response = await _client.PostAsync("/fn/contract/some/path?x=1", new StringContent("payload \"quoted\"", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("POST", (string?)request["method"]);
        Assert.Equal("/some/path", (string?)request["path"]);
        Assert.Equal("x=1", (string?)request["query"]);
        Assert.Equal("/fn/contract/some/path?x=1", (string?)request["uri"]);
        Assert.Equal("payload \"quoted\"", (string?)request["body"]);
        Assert.Equal("utf8", (string?)request["body_encoding"]);
        Assert.Equal("contract", (string?)request["function"]!["name"]);
        Assert.Equal(1, (int?)request["function"]!["version"]);
        Assert.Contains("text/plain", request["headers"]!["Content-Type"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_sub_path_gets_slash_as_its_path()
    {
        await _admin.DeployAsync("contract-root", GatewayFixtures.Contract);

        var request = JsonNode.Parse(await _client.GetStringAsync("/fn/contract-root"))!;

        Assert.Equal("/", (string?)request["path"]);
        Assert.Equal("", (string?)request["query"]);
    }

    [Fact]
    public async Task A_binary_body_reaches_a_json_mode_guest_as_base64()
    {
        await _admin.DeployAsync("contract-binary", GatewayFixtures.Contract);
        byte[] bytes = [0xFF, 0x00, 0xFE, 0x41];

        var response = await _client.PostAsync("/fn/contract-binary", new ByteArrayContent(bytes));

        var request = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("base64", (string?)request["body_encoding"]);
        Assert.Equal(Convert.ToBase64String(bytes), (string?)request["body"]);
    }

    [Fact]
    public async Task A_custom_route_prefix_routes_to_its_function_with_the_rest_as_path()
    {
        await _admin.DeployAsync("routed", GatewayFixtures.Contract, route: "/shop/items");

        var response = await _client.GetAsync("/shop/items/42?color=red");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("/42", (string?)request["path"]);
        Assert.Equal("color=red", (string?)request["query"]);
        Assert.Equal("routed", (string?)request["function"]!["name"]);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/shop/items")).StatusCode);
        await (await _client.GetAsync("/shop/itemsX")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Raw_mode_gets_the_body_on_stdin_and_answers_with_stdout()
    {
        await _admin.DeployAsync("raw-echo", Echo, mode: "raw");

        var response = await _client.PostAsync("/fn/raw-echo/anything", new StringContent("just the body"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("just the body", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_version_pinned_in_the_path_runs_that_version()
    {
        await _admin.DeployAsync("pin-path", GatewayFixtures.Reply("one"));
        await _admin.UploadAsync("pin-path", GatewayFixtures.Reply("two"));

        var active = await _client.GetAsync("/fn/pin-path");
        var pinned = await _client.GetAsync("/fn/pin-path@1/sub");

        Assert.Equal("two", await active.Content.ReadAsStringAsync());
        Assert.Equal("2", GatewayFixtures.VersionOf(active));
        Assert.Equal("one", await pinned.Content.ReadAsStringAsync());
        Assert.Equal("1", GatewayFixtures.VersionOf(pinned));
    }

    [Fact]
    public async Task A_version_pinned_by_header_runs_that_version()
    {
        await _admin.DeployAsync("pin-header", GatewayFixtures.Reply("one"));
        await _admin.UploadAsync("pin-header", GatewayFixtures.Reply("two"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/fn/pin-header");
        request.Headers.Add("X-Djinn-Version", "1");
        var response = await _client.SendAsync(request);

        Assert.Equal("one", await response.Content.ReadAsStringAsync());
        Assert.Equal("1", GatewayFixtures.VersionOf(response));
    }

    [Fact]
    public async Task Unknown_versions_and_functions_are_404_problems()
    {
        await _admin.DeployAsync("pin-unknown", GatewayFixtures.Reply("one"));

        await (await _client.GetAsync("/fn/pin-unknown@7")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/fn/pin-unknown@latest")).AssertProblemAsync(HttpStatusCode.NotFound);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fn/pin-unknown");
        request.Headers.Add("X-Djinn-Version", "3");
        await (await _client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/fn/no-such-function")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_canary_at_50_percent_gets_about_half_of_400_requests_and_every_response_names_its_version()
    {
        await _admin.DeployAsync("canary", GatewayFixtures.Reply("stable"));
        await _admin.UploadAsync("canary", GatewayFixtures.Reply("canary"), activate: "false");
        await _admin.SetLimitsAsync("canary", new { rateLimitPerSecond = 0 });
        await _admin.PatchAsync("canary", new { canaryVersion = 2, canaryPercent = 50 });

        int canary = 0;
        for (int i = 0; i < 400; i++)
        {
            var response = await _client.GetAsync("/fn/canary");
            var body = await response.Content.ReadAsStringAsync();
            var version = GatewayFixtures.VersionOf(response);
            Assert.Equal(body == "canary" ? "2" : "1", version);
            if (version == "2")
            {
                canary++;
            }
        }

        Assert.InRange(canary, 140, 260);
    }

    private const string Echo = """
        (module
          (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (loop $more
              (i32.store (i32.const 0) (i32.const 1024))
              (i32.store (i32.const 4) (i32.const 4096))
              (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
              (if (i32.gt_u (i32.load (i32.const 8)) (i32.const 0))
                (then
                  (i32.store (i32.const 4) (i32.load (i32.const 8)))
                  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))
                  (br $more))))))
        """;
}
