using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Engine.Functions;

namespace Djinn.Admin.Web.Tests.Telemetry;

public sealed partial class MetricsEndpointTests(TelemetryServerFixture server) : IClassFixture<TelemetryServerFixture>
{
    [Fact]
    public async Task Metrics_expose_every_family_with_its_labels_in_valid_exposition_syntax()
    {
        var sink = server.Sink;
        sink.Record(Invocations.Event("m-fn", durationMs: 3, fuel: 1000));
        sink.Record(Invocations.Event("m-fn", durationMs: 700, fuel: 500));
        sink.Record(Invocations.Event("m-fn", status: 504, outcome: FunctionOutcome.Timeout, version: 2));
        sink.Rejected("m-fn", "rate_limited");
        sink.Rejected("no such thing", "Not a \"reason\"\n");
        sink.ModuleCacheLookup(hit: true);
        sink.ModuleCacheLookup(hit: true);
        sink.ModuleCacheLookup(hit: false);
        using var client = server.Factory.CreateClient(); // No token: /metrics is open by default.

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = AssertValidExposition(text);
        Assert.Equal(2, samples["djinn_invocations_total{function=\"m-fn\",status=\"200\",version=\"1\"}"]);
        Assert.Equal(1, samples["djinn_invocations_total{function=\"m-fn\",status=\"504\",version=\"2\"}"]);
        Assert.Equal(3, samples["djinn_invocation_duration_seconds_count{function=\"m-fn\"}"]);
        Assert.Equal(0, samples["djinn_invocation_duration_seconds_bucket{function=\"m-fn\",le=\"0.0025\"}"]);
        Assert.Equal(2, samples["djinn_invocation_duration_seconds_bucket{function=\"m-fn\",le=\"0.005\"}"]);
        Assert.Equal(2, samples["djinn_invocation_duration_seconds_bucket{function=\"m-fn\",le=\"0.5\"}"]);
        Assert.Equal(3, samples["djinn_invocation_duration_seconds_bucket{function=\"m-fn\",le=\"1\"}"]);
        Assert.Equal(3, samples["djinn_invocation_duration_seconds_bucket{function=\"m-fn\",le=\"+Inf\"}"]);
        Assert.Equal(0.708, samples["djinn_invocation_duration_seconds_sum{function=\"m-fn\"}"], 6);
        Assert.True(samples.ContainsKey("djinn_active_instances{function=\"m-fn\"}"));
        Assert.Equal(1500, samples["djinn_fuel_consumed_total{function=\"m-fn\"}"]);
        Assert.Equal(2, samples["djinn_module_cache_hits_total"]);
        Assert.Equal(1, samples["djinn_module_cache_misses_total"]);
        Assert.Equal(1, samples["djinn_rejected_total{reason=\"rate_limited\"}"]);
        Assert.Equal(1, samples["djinn_rejected_total{reason=\"other\"}"]);
        Assert.True(samples["djinn_process_resident_memory_bytes"] > 1 << 20, "the server's RSS is reported");
        Assert.True(samples["djinn_gc_heap_bytes"] >= 0);
        Assert.True(samples["djinn_gc_collections_total{generation=\"0\"}"] >= samples["djinn_gc_collections_total{generation=\"2\"}"]);
        foreach (var (family, type) in new[]
        {
            ("djinn_invocations_total", "counter"), ("djinn_invocation_duration_seconds", "histogram"),
            ("djinn_active_instances", "gauge"), ("djinn_fuel_consumed_total", "counter"),
            ("djinn_module_cache_hits_total", "counter"), ("djinn_module_cache_misses_total", "counter"),
            ("djinn_rejected_total", "counter"), ("djinn_telemetry_dropped_total", "counter"),
            ("djinn_process_resident_memory_bytes", "gauge"), ("djinn_gc_heap_bytes", "gauge"), ("djinn_gc_collections_total", "counter"),
        })
        {
            Assert.Contains($"# TYPE {family} {type}\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_real_server_serves_metrics_without_a_token_and_its_hub_only_with_one()
    {
        using var directory = new TempDirectory();
        await using var process = await ServerProcess.StartAsync(directory.Path, DjinnFactory.AdminTokenValue, "test-password");
        using var anonymous = process.CreateClient(token: null);
        using var admin = process.CreateClient(DjinnFactory.AdminTokenValue);

        var metrics = await anonymous.GetStringAsync("/metrics");
        var hubAnonymous = await anonymous.PostAsync("/hubs/telemetry/negotiate?negotiateVersion=1", null);
        var hubAdmin = await admin.PostAsync("/hubs/telemetry/negotiate?negotiateVersion=1", null);

        AssertValidExposition(metrics);
        Assert.Contains("# TYPE djinn_invocations_total counter", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, hubAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hubAdmin.StatusCode);
    }

    /// <summary>
    /// Checks the text format (https://prometheus.io/docs/instrumenting/exposition_formats/): HELP and TYPE before a
    /// family's samples, valid names, labels and values, cumulative histogram buckets ending in +Inf equal to _count.
    /// Returns every sample by its series (name and labels as rendered).
    /// </summary>
    internal static Dictionary<string, double> AssertValidExposition(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                var comment = CommentLine().Match(line);
                Assert.True(comment.Success, "bad comment line: " + line);
                if (comment.Groups[1].Value == "TYPE")
                {
                    Assert.True(types.TryAdd(comment.Groups[2].Value, comment.Groups[3].Value), "TYPE twice: " + line);
                }

                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, "bad sample line: " + line);
            var name = sample.Groups[1].Value;
            var family = types.Keys.FirstOrDefault(f => name == f || (types[f] == "histogram" && (name == f + "_bucket" || name == f + "_sum" || name == f + "_count")));
            Assert.True(family is not null, "sample before its TYPE: " + line);
            var value = sample.Groups[3].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            Assert.True(samples.TryAdd(name + sample.Groups[2].Value, value), "duplicate series: " + line);
        }

        foreach (var count in samples.Where(s => s.Key.Contains("_count", StringComparison.Ordinal)))
        {
            var labels = count.Key[count.Key.IndexOf("_count", StringComparison.Ordinal)..]["_count".Length..];
            var family = count.Key[..count.Key.IndexOf("_count", StringComparison.Ordinal)];
            var inner = labels.Length == 0 ? "" : labels[1..^1] + ",";
            var buckets = samples.Where(s => s.Key.StartsWith(family + "_bucket{" + inner + "le=", StringComparison.Ordinal)).Select(s => s.Value).ToList();
            Assert.NotEmpty(buckets);
            Assert.Equal(buckets.Order(), buckets);
            Assert.Equal(count.Value, samples[family + "_bucket{" + inner + "le=\"+Inf\"}"]);
        }

        return samples;
    }

    [GeneratedRegex("^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$")]
    private static partial Regex CommentLine();

    [GeneratedRegex("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\")*\\})? (-?[0-9][0-9.eE+-]*|\\+Inf|-Inf|NaN)$")]
    private static partial Regex SampleLine();
}
