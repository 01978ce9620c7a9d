using Djinn.Admin.Web.Hubs;
using Djinn.Data.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>Registers and maps telemetry: the invocation sink, storage, metrics, live figures, SSE and the hub.</summary>
public static class TelemetrySetup
{
    /// <summary>
    /// Adds the real <see cref="IInvocationSink"/> (it replaces any default registered with TryAdd), the store,
    /// the background writer, trimmer and pushers, the collector behind <c>/metrics</c> and SignalR.
    /// </summary>
    public static IServiceCollection AddDjinnTelemetry(this IServiceCollection services)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.QueueCapacity > 0 && o.QueueMaxBytes > 0 && o.BatchSize > 0 && o.FollowerBufferLines > 0, "Djinn:Telemetry capacities must be positive")
            .Validate(o => o.LogLinesPerFunction >= 0 && o.InvocationsPerFunction >= 0 && o.MaxAge > TimeSpan.Zero, "Djinn:Telemetry retention must not be negative");
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddScoped<TelemetryStore>();
        services.AddSingleton<LiveWindow>();
        services.AddSingleton<DjinnMetrics>();
        services.AddSingleton<PrometheusCollector>();
        services.AddSingleton<TelemetryQueue>();
        services.AddSingleton<LogBroadcaster>();
        services.AddSingleton<IInvocationSink, TelemetrySink>();
        services.AddHostedService<TelemetryWriter>();
        services.AddHostedService<TelemetryRetentionService>();
        services.AddHostedService<LiveBroadcastService>();
        services.AddHostedService<HubLogForwarder>();
        services.AddSignalR();
        services.AddTransient<IStartupFilter, HubAccessTokenFilter>();
        // Off: the hosting "Request starting" line includes the query string, which for hub WebSockets holds
        // access_token; and while this category is enabled at any level, ASP.NET Core opens a logging scope and
        // starts an Activity for every request, a few percent of a small function call. Djinn logs and traces
        // invocations itself (telemetry, traceparent); unhandled errors are logged by the exception handler.
        services.Configure<LoggerFilterOptions>(o => o.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));
        return services;
    }

    /// <summary>Maps <c>/metrics</c>, the telemetry routes under <c>/api</c> and the hub at <see cref="TelemetryHub.Path"/>.</summary>
    public static IEndpointRouteBuilder MapDjinnTelemetry(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Created now so the collector listens from the first measurement, not from the first scrape.
        app.ServiceProvider.GetRequiredService<PrometheusCollector>();
        app.MapTelemetryEndpoints();
        app.MapHub<TelemetryHub>(TelemetryHub.Path);
        return app;
    }
}
