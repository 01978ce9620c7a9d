using System.Collections.Concurrent;
using System.Net;
using Djinn.Admin.Web.Telemetry;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Engine.Functions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Admin.Web.Tests.Gateway;

/// <summary>What the gateway reports through <see cref="IInvocationSink"/> (the telemetry contract).</summary>
public sealed class GatewayTelemetryTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly RecordingSink _sink = new();
    private readonly DjinnFactory _root;
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory;

    public GatewayTelemetryTests()
    {
        _root = new DjinnFactory(_data.Path);
        _factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInvocationSink>(_sink)));
    }

    [Fact]
    public async Task An_invocation_is_recorded_with_version_status_trace_id_and_log_lines()
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fn/logger");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = Assert.Single(_sink.Events, e => e.Function == "logger");
        Assert.Equal(1, recorded.Version);
        Assert.Equal(200, recorded.Status);
        Assert.Equal(FunctionOutcome.Success, recorded.Outcome);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", recorded.TraceId);
        Assert.Equal(["logger: handling a request", "logger: done, answering 200"], recorded.LogLines);
        Assert.False(string.IsNullOrEmpty(recorded.InvocationId));
    }

    [Fact]
    public async Task A_version_is_compiled_eagerly_at_upload_so_its_first_request_is_a_cache_hit()
    {
        var admin = _factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", DjinnFactory.AdminTokenValue);
        await admin.DeployAsync("eager", GatewayFixtures.Reply("warm"));
        _sink.CacheLookups.Clear();

        var response = await _factory.CreateClient().GetAsync("/fn/eager");

        Assert.Equal("warm", await response.Content.ReadAsStringAsync());
        Assert.Equal([true], _sink.CacheLookups);
    }

    [Fact]
    public async Task Rejections_are_reported_with_their_reason()
    {
        var admin = _factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", DjinnFactory.AdminTokenValue);
        await admin.DeployAsync("guarded", GatewayFixtures.Reply("ok"), auth: "token");
        var client = _factory.CreateClient();

        await client.GetAsync("/fn/guarded");
        await client.GetAsync("/fn/missing-function");

        Assert.Contains(("guarded", "unauthorized"), _sink.Rejections);
        Assert.Contains(("", "not_found"), _sink.Rejections);
        Assert.DoesNotContain(_sink.Rejections, r => r.Item1 == "missing-function");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _root.Dispose();
        _data.Dispose();
    }

    private sealed class RecordingSink : IInvocationSink
    {
        public ConcurrentQueue<InvocationEvent> Events { get; } = new();

        public ConcurrentQueue<(string, string)> Rejections { get; } = new();

        public ConcurrentQueue<bool> CacheLookups { get; } = new();

        public void Record(InvocationEvent invocation) => Events.Enqueue(invocation);

        public void Rejected(string function, string reason) => Rejections.Enqueue((function, reason));

        public void ModuleCacheLookup(bool hit) => CacheLookups.Enqueue(hit);
    }
}
