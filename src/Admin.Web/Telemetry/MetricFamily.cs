using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>The aggregated series of one instrument, keyed by their rendered label set.</summary>
internal sealed class MetricFamily
{
    private enum Kind
    {
        Counter,
        Gauge,
        ObservableGauge,
        Histogram,
    }

    private readonly Kind _kind;
    private readonly string _help;
    private readonly Dictionary<TagKey, Series> _series = [];
    private readonly Lock _lock = new();

    public MetricFamily(Instrument instrument)
    {
        Name = PrometheusCollector.FamilyName(instrument);
        _help = instrument.Description ?? "";
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        _kind = PrometheusCollector.IsCounter(instrument) ? Kind.Counter
            : definition == typeof(Histogram<>) ? Kind.Histogram
            : definition == typeof(ObservableGauge<>) ? Kind.ObservableGauge
            : Kind.Gauge; // UpDownCounter and ObservableUpDownCounter: a sum that may go down.
    }

    public string Name { get; }

    public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // The tags as given are the key (no allocation on the request path); labels are rendered at scrape time.
        var labels = TagKey.From(tags);
        lock (_lock)
        {
            if (!_series.TryGetValue(labels, out var series))
            {
                series = new Series(_kind == Kind.Histogram ? new long[PrometheusCollector.SecondsBuckets.Length] : null);
                _series.Add(labels, series);
            }

            switch (_kind)
            {
                case Kind.ObservableGauge:
                    series.Value = value;
                    break;
                case Kind.Histogram:
                    var bounds = PrometheusCollector.SecondsBuckets;
                    for (var i = 0; i < bounds.Length; i++)
                    {
                        if (value <= bounds[i])
                        {
                            series.Buckets![i]++;
                            break;
                        }
                    }

                    series.Count++;
                    series.Value += value;
                    break;
                default:
                    series.Value += value;
                    break;
            }
        }
    }

    /// <summary>Observable gauges report only what their callback observes now; series of vanished functions go away.</summary>
    public void ResetIfGauge()
    {
        if (_kind == Kind.ObservableGauge)
        {
            lock (_lock)
            {
                _series.Clear();
            }
        }
    }

    public void Render(StringBuilder output)
    {
        var type = _kind switch
        {
            Kind.Counter => "counter",
            Kind.Histogram => "histogram",
            _ => "gauge",
        };
        output.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(_help)).Append('\n');
        output.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
        lock (_lock)
        {
            foreach (var (labels, series) in _series.Select(s => (Labels: s.Key.Render(), Series: s.Value)).OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                if (_kind != Kind.Histogram)
                {
                    Sample(output, Name, labels, null, series.Value);
                    continue;
                }

                long cumulative = 0;
                var bounds = PrometheusCollector.SecondsBuckets;
                for (var i = 0; i < bounds.Length; i++)
                {
                    cumulative += series.Buckets![i];
                    Sample(output, Name + "_bucket", labels, Number(bounds[i]), cumulative);
                }

                Sample(output, Name + "_bucket", labels, "+Inf", series.Count);
                Sample(output, Name + "_sum", labels, null, series.Value);
                Sample(output, Name + "_count", labels, null, series.Count);
            }
        }
    }

    private static void Sample(StringBuilder output, string name, string labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{').Append(labels);
            if (le is not null)
            {
                output.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>Renders tags as <c>a="x",b="y"</c>, sorted by name, with values escaped.</summary>
    internal static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(key).Append("=\"");
            foreach (var c in Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")
            {
                _ = c switch
                {
                    '\\' => builder.Append("\\\\"),
                    '"' => builder.Append("\\\""),
                    '\n' => builder.Append("\\n"),
                    _ => builder.Append(c),
                };
            }

            builder.Append('"');
        }

        return builder.ToString();
    }

    internal static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Up to three tags by value; more are rendered into <see cref="K0"/> up front (<see cref="Count"/> -1).</summary>
    private readonly record struct TagKey(int Count, string? K0, object? V0, string? K1, object? V1, string? K2, object? V2)
    {
        public static TagKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length switch
        {
            0 => default,
            1 => new TagKey(1, tags[0].Key, tags[0].Value, null, null, null, null),
            2 => new TagKey(2, tags[0].Key, tags[0].Value, tags[1].Key, tags[1].Value, null, null),
            3 => new TagKey(3, tags[0].Key, tags[0].Value, tags[1].Key, tags[1].Value, tags[2].Key, tags[2].Value),
            _ => new TagKey(-1, Labels(tags), null, null, null, null, null),
        };

        public string Render() => Count switch
        {
            -1 => K0!,
            0 => "",
            _ => Labels(new KeyValuePair<string, object?>[] { new(K0!, V0), new(K1 ?? "", V1), new(K2 ?? "", V2) }.AsSpan(0, Count)),
        };
    }

    private sealed class Series(long[]? buckets)
    {
        public double Value;
        public long Count;
        public readonly long[]? Buckets = buckets;
    }
}
