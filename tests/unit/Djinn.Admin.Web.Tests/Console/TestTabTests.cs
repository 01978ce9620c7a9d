using Djinn.Admin.Web.Components.Pages.Functions.Detail;
using Djinn.Admin.Web.Services;
using Djinn.Admin.Web.Telemetry;
using Djinn.Admin.Web.Tests.Gateway;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Data.Services;
using Djinn.Engine.Functions;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Admin.Web.Tests.Console;

/// <summary>The Test tab's invocations go through the real gateway, and its result view.</summary>
public sealed class TestTabTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_test_request_runs_through_the_gateway_and_returns_the_runs_stderr_and_invocation_id()
    {
        server.Admin();

        var response = await InvokeAsync("logger", new TestRequest("GET", "/", [], "", null));

        Assert.Equal(200, response.Status);
        var run = Assert.IsType<InvocationEvent>(response.Invocation);
        Assert.Equal(["logger: handling a request", "logger: done, answering 200"], run.LogLines);
        Assert.Contains(response.Headers, h => h.Key == "X-Djinn-Version" && h.Value == "1");
        // The same run is what telemetry stores, under the same invocation id.
        await WaitForStoredInvocationAsync("logger", run.InvocationId);
    }

    [Fact]
    public async Task A_pinned_version_runs_that_version_and_no_pin_runs_the_active_one()
    {
        var admin = server.Admin();
        await admin.DeployAsync("test-pinned", GatewayFixtures.Reply("one"));
        await admin.UploadAsync("test-pinned", GatewayFixtures.Reply("two"));

        var pinned = await InvokeAsync("test-pinned", new TestRequest("GET", "/", [], "", 1));
        var active = await InvokeAsync("test-pinned", new TestRequest("GET", "/", [], "", null));

        Assert.Equal("one", pinned.Body);
        Assert.Equal(1, pinned.Invocation?.Version);
        Assert.Equal("two", active.Body);
    }

    [Fact]
    public async Task Method_path_query_headers_and_body_reach_the_guest()
    {
        await server.Admin().DeployAsync("test-contract", GatewayFixtures.Contract);

        var response = await InvokeAsync("test-contract", TestRequests.Build(
            "post", "items/7?view=full", [new() { Name = "X-Probe", Value = "yes" }, new() { Name = " ", Value = "skipped" }], "ping", null));

        Assert.Equal(200, response.Status);
        Assert.Contains("\"method\":\"POST\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/items/7\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("\"query\":\"view=full\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("\"x-probe\":[\"yes\"]", response.Body.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("\"body\":\"ping\"", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_gateway_rejects_has_no_run()
    {
        await server.Admin().DeployAsync("test-rejected", GatewayFixtures.Reply("ok"));

        var response = await InvokeAsync("test-rejected", new TestRequest("GET", "/", [], "", 9));

        Assert.Equal(404, response.Status);
        Assert.Null(response.Invocation);
        Assert.Contains("version 9", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello", null, null, "/fn/hello/", "")]
    [InlineData("hello", 3, "/a/b?x=1", "/fn/hello@3/a/b", "?x=1")]
    [InlineData("hello", null, "a", "/fn/hello/a", "")]
    public void The_gateway_address_puts_the_pinned_version_after_the_name(string name, int? version, string? path, string expectedPath, string expectedQuery)
    {
        Assert.Equal((expectedPath, expectedQuery), ConsoleInvoker.Address(name, version, path));
    }

    [Fact]
    public async Task The_result_shows_status_fuel_stderr_headers_and_indented_json()
    {
        var run = new InvocationEvent("abc123", "f", 4, 200, FunctionOutcome.Success, null, TimeSpan.FromMilliseconds(2.5),
            123456, 65536, null, ["first line", "second <line>"], DateTimeOffset.UtcNow);
        var response = new TestResponse(200, [new("Content-Type", "application/json")], """{"a":1}""", TimeSpan.FromMilliseconds(3), run);

        var html = await ComponentRendering.RenderAsync<TestTabResult>(new() { ["Response"] = response });

        Assert.Contains(">200 OK</dd>", html, StringComparison.Ordinal);
        Assert.Contains(">123,456</dd>", html, StringComparison.Ordinal);
        Assert.Contains(">2.5 ms</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<code>abc123</code>", html, StringComparison.Ordinal);
        Assert.Contains("first line&#xA;second &lt;line&gt;", html, StringComparison.Ordinal);
        Assert.Contains("{&#xA;  &quot;a&quot;: 1&#xA;}", html, StringComparison.Ordinal);
    }

    private async Task<TestResponse> InvokeAsync(string function, TestRequest request) =>
        await server.Factory.Services.GetRequiredService<ConsoleInvoker>().InvokeAsync(function, request, CancellationToken.None);

    private async Task WaitForStoredInvocationAsync(string function, string invocationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var records = await server.Factory.WithServiceAsync<TelemetryStore, List<Djinn.Data.Entities.InvocationRecord>?>(s => s.ListInvocationsAsync(function, 50));
            if (records?.Any(r => r.InvocationId == invocationId) == true)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"invocation {invocationId} was not stored");
    }
}
