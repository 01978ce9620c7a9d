using System.Diagnostics;
using Djinn.Admin.Web.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Tests.Telemetry;

public sealed class TelemetryQueueTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_blocking_the_caller()
    {
        var options = Options.Create(new TelemetryOptions { QueueCapacity = 10 });
        var (sink, queue, collector) = CreateSink(options);
        var watch = Stopwatch.StartNew();

        for (var i = 0; i < 1000; i++)
        {
            sink.Record(Invocations.Event("flood", ["a line"]));
        }

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"recording took {watch.Elapsed}");
        Assert.Equal(10, queue.Count);
        Assert.Equal(990, queue.Dropped);
        var samples = MetricsEndpointTests.AssertValidExposition(collector.Render());
        Assert.Equal(990, samples["djinn_telemetry_dropped_total{kind=\"invocation\"}"]);
        Assert.Equal(1000, samples["djinn_invocations_total{function=\"flood\",status=\"200\",version=\"1\"}"]);
    }

    [Fact]
    public void The_queue_also_drops_when_its_lines_exceed_the_memory_budget()
    {
        var queue = new TelemetryQueue(Options.Create(new TelemetryOptions { QueueCapacity = 1000, QueueMaxBytes = 1024 * 1024 }));
        var bigLine = new string('x', 100_000); // About 200 KB as UTF-16.

        var accepted = Enumerable.Range(0, 20).Count(_ => queue.TryEnqueue(Invocations.Event("big", [bigLine])));

        Assert.Equal(5, accepted);
        Assert.Equal(15, queue.Dropped);
        Assert.True(queue.TryDequeue(out _));
        Assert.True(queue.TryEnqueue(Invocations.Event("big", [bigLine])), "dequeuing frees budget");
    }

    [Fact]
    public void A_slow_follower_loses_its_oldest_lines_and_never_blocks_publishing()
    {
        var options = Options.Create(new TelemetryOptions { FollowerBufferLines = 3 });
        var metrics = new DjinnMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new LiveWindow(TimeProvider.System));
        var broadcaster = new LogBroadcaster(options, metrics);
        using var follower = broadcaster.Subscribe("slow");
        var invocation = Invocations.Event("slow", ["1", "2", "3", "4", "5"]);

        broadcaster.Publish(invocation, invocation.LogLines.Count);

        var kept = new List<string>();
        while (follower.Reader.TryRead(out var line))
        {
            kept.Add(line.Line);
        }

        Assert.Equal(["3", "4", "5"], kept);
    }

    [Fact]
    public void Lines_beyond_the_per_invocation_cap_are_not_streamed()
    {
        var options = Options.Create(new TelemetryOptions { MaxLinesPerInvocation = 2 });
        var (sink, _, collector) = CreateSink(options, out var broadcaster);
        using var follower = broadcaster.Subscribe("chatty");

        sink.Record(Invocations.Event("chatty", ["1", "2", "3", "4"]));

        Assert.Equal(2, follower.Reader.Count);
        Assert.Equal(2, MetricsEndpointTests.AssertValidExposition(collector.Render())["djinn_telemetry_dropped_total{kind=\"line\"}"]);
    }

    [Fact]
    public void Streamed_lines_are_truncated_like_stored_ones()
    {
        var options = Options.Create(new TelemetryOptions());
        var (sink, _, _) = CreateSink(options, out var broadcaster);
        using var follower = broadcaster.Subscribe("long-line");

        sink.Record(Invocations.Event("long-line", [new string('y', Djinn.Data.Entities.LogLine.MaxTextLength * 2)]));

        Assert.True(follower.Reader.TryRead(out var line));
        Assert.Equal(Djinn.Data.Entities.LogLine.MaxTextLength, line.Line.Length);
    }

    [Fact]
    public async Task Concurrent_recording_while_scraping_loses_no_counts()
    {
        var options = Options.Create(new TelemetryOptions { QueueCapacity = 100 });
        var (sink, _, collector) = CreateSink(options, out _);
        using var stop = new CancellationTokenSource();
        var scraper = Task.Run(() =>
        {
            var scrapes = 0;
            while (!stop.IsCancellationRequested)
            {
                MetricsEndpointTests.AssertValidExposition(collector.Render());
                scrapes++;
            }

            return scrapes;
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++)
            {
                sink.Record(Invocations.Event($"par-{i % 3}", durationMs: 1 + (i % 7)));
                sink.Rejected("x", "concurrency");
            }
        })));
        await stop.CancelAsync();
        Assert.True(await scraper > 0);

        var samples = MetricsEndpointTests.AssertValidExposition(collector.Render());
        var total = Enumerable.Range(0, 3).Sum(f => samples[$"djinn_invocations_total{{function=\"par-{f}\",status=\"200\",version=\"1\"}}"]);
        Assert.Equal(20_000, total);
        Assert.Equal(20_000, samples["djinn_rejected_total{reason=\"concurrency\"}"]);
        Assert.Equal(20_000, Enumerable.Range(0, 3).Sum(f => samples[$"djinn_invocation_duration_seconds_count{{function=\"par-{f}\"}}"]));
    }

    [Fact]
    public void Recording_never_throws_into_the_gateway()
    {
        var (sink, _, _) = CreateSink(Options.Create(new TelemetryOptions()));

        sink.Record(null!);
        sink.Rejected(null!, null!);
    }

    public void Dispose() => _services.Dispose();

    private (TelemetrySink Sink, TelemetryQueue Queue, PrometheusCollector Collector) CreateSink(IOptions<TelemetryOptions> options) =>
        CreateSink(options, out _);

    private (TelemetrySink Sink, TelemetryQueue Queue, PrometheusCollector Collector) CreateSink(IOptions<TelemetryOptions> options, out LogBroadcaster broadcaster)
    {
        var live = new LiveWindow(TimeProvider.System);
        // Each test gets its own meter factory so its counts are its own.
        var factory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var metrics = new DjinnMetrics(factory, live);
        var collector = new PrometheusCollector(metrics);
        var queue = new TelemetryQueue(options);
        broadcaster = new LogBroadcaster(options, metrics);
        return (new TelemetrySink(metrics, live, queue, broadcaster, options, NullLogger<TelemetrySink>.Instance), queue, collector);
    }
}
