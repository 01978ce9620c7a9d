using System.Net;
using System.Text.Json.Nodes;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Telemetry;

/// <summary>One in-process server on real Kestrel, shared by the streaming tests of a class.</summary>
public sealed class KestrelFixture : IAsyncLifetime
{
    private KestrelDjinn? _server;

    internal KestrelDjinn Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await KestrelDjinn.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class LogStreamTests(KestrelFixture fixture) : IClassFixture<KestrelFixture>
{
    [Fact]
    public async Task Following_a_function_streams_a_line_recorded_after_connecting()
    {
        var server = fixture.Server;
        using var client = server.CreateAdminClient();
        await client.CreateFunctionAsync("sse-live");

        using var response = await client.GetAsync("/api/functions/sse-live/logs?follow=true&tail=0", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        server.Sink.Record(Invocations.Event("sse-live", ["hello from the guest", "second line"]));

        var first = await ReadEventAsync(reader);
        var second = await ReadEventAsync(reader);
        Assert.Equal("hello from the guest", first["line"]!.GetValue<string>());
        Assert.Equal("sse-live", first["function"]!.GetValue<string>());
        Assert.Equal(0, first["index"]!.GetValue<int>());
        Assert.Equal(1, first["version"]!.GetValue<int>());
        Assert.Equal("second line", second["line"]!.GetValue<string>());
        Assert.Equal(first["invocationId"]!.GetValue<string>(), second["invocationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Following_first_sends_the_stored_tail_and_then_only_new_lines()
    {
        var server = fixture.Server;
        using var client = server.CreateAdminClient();
        await client.CreateFunctionAsync("sse-tail");
        server.Sink.Record(Invocations.Event("sse-tail", ["old-1", "old-2", "old-3"]));
        await Invocations.WaitUntilAsync(async () => (await client.GetJsonAsync("/api/functions/sse-tail/logs")).AsArray().Count == 3, what: "stored lines");

        using var response = await client.GetAsync("/api/functions/sse-tail/logs?follow=true&tail=2", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("old-2", (await ReadEventAsync(reader))["line"]!.GetValue<string>());
        Assert.Equal("old-3", (await ReadEventAsync(reader))["line"]!.GetValue<string>());

        server.Sink.Record(Invocations.Event("sse-tail", ["new-1"]));

        Assert.Equal("new-1", (await ReadEventAsync(reader))["line"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_streams_promptly()
    {
        var server = await KestrelDjinn.StartAsync();
        using var client = server.CreateAdminClient();
        await client.CreateFunctionAsync("sse-stop");
        using var response = await client.GetAsync("/api/functions/sse-stop/logs?follow=true", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            Assert.Null(await reader.ReadLineAsync(timeout.Token));
        }
        catch (IOException)
        {
            // The connection may also be reset rather than closed: either way the stream ended.
        }
    }

    [Fact]
    public async Task Following_an_unknown_function_is_not_found()
    {
        using var client = fixture.Server.CreateAdminClient();

        var response = await client.GetAsync("/api/functions/sse-nobody/logs?follow=true");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Following_requires_a_token()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        var response = await client.GetAsync("/api/functions/anything/logs?follow=true");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Reads the next <c>data:</c> event (skipping comments and blank lines) within 20 s.</summary>
    private static async Task<JsonObject> ReadEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            Assert.NotNull(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonNode.Parse(line["data: ".Length..])!.AsObject();
            }
        }
    }
}
