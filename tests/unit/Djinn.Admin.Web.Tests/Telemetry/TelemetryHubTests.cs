using System.Net;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Telemetry;

public sealed class TelemetryHubTests(KestrelFixture fixture) : IClassFixture<KestrelFixture>
{
    private const string Hub = "/hubs/telemetry";

    [Fact]
    public async Task A_client_that_joins_a_function_receives_its_log_lines()
    {
        var server = fixture.Server;
        using var http = server.CreateAdminClient();
        await http.CreateFunctionAsync("hub-logs");
        await using var hub = await HubClient.ConnectAsync(http, server.BaseAddress, Hub, DjinnFactory.AdminTokenValue);

        var completion = await hub.InvokeAsync("JoinFunction", "hub-logs");
        Assert.Null(completion["error"]);
        server.Sink.Record(Invocations.Event("other-function", ["not for us"]));
        server.Sink.Record(Invocations.Event("hub-logs", ["line over the hub"]));

        var arguments = await hub.WaitForEventAsync("log", TimeSpan.FromSeconds(20));
        var logEvent = arguments[0]!.AsObject();
        Assert.Equal("hub-logs", logEvent["function"]!.GetValue<string>());
        Assert.Equal("line over the hub", logEvent["line"]!.GetValue<string>());
    }

    [Fact]
    public async Task Joined_clients_receive_per_function_metrics_and_the_dashboard_every_second()
    {
        var server = fixture.Server;
        using var http = server.CreateAdminClient();
        await using var hub = await HubClient.ConnectAsync(http, server.BaseAddress, Hub, DjinnFactory.AdminTokenValue);
        await hub.InvokeAsync("JoinFunction", "hub-metrics");
        await hub.InvokeAsync("JoinDashboard");

        server.Sink.Record(Invocations.Event("hub-metrics", durationMs: 12));

        var metrics = (await hub.WaitForEventAsync("metrics", TimeSpan.FromSeconds(10)))[0]!.AsObject();
        Assert.Equal("hub-metrics", metrics["function"]!.GetValue<string>());
        Assert.True(metrics["requests"]!.GetValue<long>() >= 1);
        var dashboard = (await hub.WaitForEventAsync("dashboard", TimeSpan.FromSeconds(10)))[0]!.AsObject();
        Assert.Contains(dashboard["functions"]!.AsArray(), f => f!["function"]!.GetValue<string>() == "hub-metrics");
    }

    [Fact]
    public async Task Joining_with_an_invalid_function_name_fails_without_closing_the_connection()
    {
        var server = fixture.Server;
        using var http = server.CreateAdminClient();
        await using var hub = await HubClient.ConnectAsync(http, server.BaseAddress, Hub, DjinnFactory.AdminTokenValue);

        var failed = await hub.InvokeAsync("JoinFunction", "Not A Name");
        var joined = await hub.InvokeAsync("JoinFunction", "fine-name");

        Assert.Contains("function name", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(joined["error"]);
    }

    [Fact]
    public async Task The_hub_requires_a_token_and_never_logs_the_query_string_token()
    {
        var server = fixture.Server;
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        using var wrong = new HttpClient { BaseAddress = server.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong-token");
        using var http = server.CreateAdminClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Hub + "/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync(Hub + "/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Hub + "/negotiate?negotiateVersion=1&access_token=wrong", null)).StatusCode);
        await using (var hub = await HubClient.ConnectAsync(http, server.BaseAddress, Hub, DjinnFactory.AdminTokenValue))
        {
            await hub.InvokeAsync("JoinDashboard");
        }

        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(DjinnFactory.AdminTokenValue, StringComparison.Ordinal));
    }
}
