using System.Diagnostics.Metrics;
using System.Globalization;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// The <c>Djinn</c> meter and its instruments. Instrument names map to Prometheus families by
/// <see cref="PrometheusCollector"/>: dots become underscores, unit <c>s</c> adds <c>_seconds</c>, counters add <c>_total</c>.
/// </summary>
public sealed class DjinnMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Djinn";

    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _fuel;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _dropped;

    /// <summary>Creates the meter through <paramref name="meterFactory"/>, so each host has its own.</summary>
    public DjinnMetrics(IMeterFactory meterFactory, LiveWindow live, Services.InvocationScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(live);
        Meter = meterFactory.Create(MeterName);
        _invocations = Meter.CreateCounter<long>("djinn.invocations", description: "Finished invocations by function, version and HTTP status.");
        _duration = Meter.CreateHistogram<double>("djinn.invocation.duration", unit: "s", description: "Wall-clock duration of invocations.");
        _fuel = Meter.CreateCounter<long>("djinn.fuel_consumed", description: "Fuel (metered instructions) consumed by invocations.");
        _cacheHits = Meter.CreateCounter<long>("djinn.module_cache.hits", description: "Compiled module cache hits.");
        _cacheMisses = Meter.CreateCounter<long>("djinn.module_cache.misses", description: "Compiled module cache misses.");
        _rejected = Meter.CreateCounter<long>("djinn.rejected", description: "Requests rejected before running, by reason.");
        _dropped = Meter.CreateCounter<long>("djinn.telemetry.dropped", description: "Telemetry items dropped instead of blocking, by kind.");
        Meter.CreateObservableGauge("djinn.active_instances", live.ObserveActiveInstances,
            description: "Average number of instances running over the last second, per function (from finished runs).");
        Meter.CreateObservableGauge("djinn.instance_memory_bytes", ObserveInstanceMemory,
            description: "Linear memory of live instances (state=live) and of zeroed buffers pooled for new ones (state=pooled).");
        Meter.CreateObservableGauge("djinn.process.resident_memory_bytes", () => Environment.WorkingSet,
            description: "Resident set size of the server process (what the scale benchmark watches for leaks).");
        Meter.CreateObservableGauge("djinn.gc.heap_bytes", () => GC.GetGCMemoryInfo().HeapSizeBytes,
            description: "Managed heap size at the end of the last garbage collection (0 before the first).");
        Meter.CreateObservableCounter("djinn.gc.collections", () => new Measurement<long>[]
        {
            new(GC.CollectionCount(0), new KeyValuePair<string, object?>("generation", "0")),
            new(GC.CollectionCount(1), new KeyValuePair<string, object?>("generation", "1")),
            new(GC.CollectionCount(2), new KeyValuePair<string, object?>("generation", "2")),
        }, description: "Garbage collections since the server started, by generation (a gen-2 count includes gens 0 and 1).");
        if (scheduler is not null)
        {
            Meter.CreateObservableCounter("djinn.invocation_threads", () => new Measurement<long>[]
            {
                new(scheduler.InlineRuns, new KeyValuePair<string, object?>("thread", "inline")),
                new(scheduler.DispatchedRuns, new KeyValuePair<string, object?>("thread", "dedicated")),
            }, description: "Guest runs by the thread they ran on: the request's own (inline, known-fast modules) or a dedicated invocation thread.");
        }
    }

    private static IEnumerable<Measurement<long>> ObserveInstanceMemory() =>
    [
        new(Djinn.Engine.Store.LinearMemoryInUse, new KeyValuePair<string, object?>("state", "live")),
        new(Djinn.Engine.Store.LinearMemoryPooled, new KeyValuePair<string, object?>("state", "pooled")),
    ];

    /// <summary>The meter; the collector listens to this instance only.</summary>
    public Meter Meter { get; }

    /// <summary>Counts a finished invocation.</summary>
    public void Record(InvocationEvent invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var function = new KeyValuePair<string, object?>("function", invocation.Function);
        _invocations.Add(1, function,
            new KeyValuePair<string, object?>("version", invocation.Version.ToString(CultureInfo.InvariantCulture)),
            new KeyValuePair<string, object?>("status", invocation.Status.ToString(CultureInfo.InvariantCulture)));
        _duration.Record(Math.Max(0, invocation.Duration.TotalSeconds), function);
        if (invocation.FuelConsumed > 0)
        {
            _fuel.Add(invocation.FuelConsumed, function);
        }
    }

    /// <summary>Counts a rejection; <paramref name="reason"/> must already be a safe label value.</summary>
    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a module cache lookup.</summary>
    public void ModuleCacheLookup(bool hit) => (hit ? _cacheHits : _cacheMisses).Add(1);

    /// <summary>Counts dropped telemetry: <c>invocation</c> (store queue full), <c>line</c> (per-invocation or follower cap), <c>store_error</c>, <c>unknown_function</c>.</summary>
    public void Dropped(string kind, long count = 1)
    {
        if (count > 0)
        {
            _dropped.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
    }
}
