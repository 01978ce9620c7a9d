using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// Listens to the <see cref="DjinnMetrics.Meter"/> with a <see cref="MeterListener"/>, aggregates every measurement
/// (sums for counters, cumulative buckets for histograms, last values for gauges) and renders the Prometheus text
/// exposition format, version 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/).
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    /// <summary>The content type of <see cref="Render"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Bucket upper bounds, in seconds, of duration histograms.</summary>
    public static readonly double[] SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private readonly Lock _renderLock = new();

    /// <summary>Starts listening to <paramref name="metrics"/>' meter (and no other).</summary>
    public PrometheusCollector(DjinnMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var meter = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                var family = _families.GetOrAdd(instrument, i => new MetricFamily(i));
                listener.EnableMeasurementEvents(instrument, family);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.Start();
    }

    /// <summary>Observes the gauges and renders every family, sorted by name.</summary>
    public string Render()
    {
        lock (_renderLock)
        {
            foreach (var family in _families.Values)
            {
                family.ResetIfGauge();
            }

            _listener.RecordObservableInstruments();
            var builder = new StringBuilder(4096);
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.Render(builder);
            }

            return builder.ToString();
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    /// <summary>The Prometheus family name of an instrument (see <see cref="DjinnMetrics"/>).</summary>
    internal static string FamilyName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal))
        {
            name += "_seconds";
        }

        return IsCounter(instrument) ? name + "_total" : name;
    }

    internal static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Counter<>) || type.GetGenericTypeDefinition() == typeof(ObservableCounter<>));
    }
}
