using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Telemetry;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Radzen;

namespace Djinn.Admin.Web.Tests.Console;

/// <summary>Renders console components to HTML with <see cref="HtmlRenderer"/> (bunit is unavailable here).</summary>
internal static class LiveRendering
{
    /// <summary>Renders <typeparamref name="TComponent"/> with the services of <paramref name="services"/> (e.g. a server scope).</summary>
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, Dictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        // A server scope's navigation manager is initialized by the circuit or the request; charts need it.
        if (services.GetService<NavigationManager>() is IHostEnvironmentNavigationManager { } navigation)
        {
            navigation.Initialize("http://localhost/", "http://localhost/");
        }

        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters ?? []));
            return output.ToHtmlString();
        });
    }

    /// <summary>Renders <typeparamref name="TComponent"/> with logging, Radzen and the console's live services only.</summary>
    public static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddRadzenComponents()
            .AddScoped<CircuitConnection>()
            .AddSingleton<LiveHistory>()
            .BuildServiceProvider();
        return await RenderAsync<TComponent>(services, parameters);
    }

    /// <summary>Live figures with <paramref name="rps"/> req/s and the given error rate and latencies.</summary>
    public static LiveFigures Figures(string? function, double rps, double errorRate = 0, double p50 = 1, double p95 = 2, double p99 = 3) =>
        new(function, rps, errorRate, p50, p95, p99, p99, (long)(rps * 60), (long)(rps * 60 * errorRate), 0);

    /// <summary>A sample at <paramref name="second"/> seconds past 12:00 UTC with the given per-function figures.</summary>
    public static LiveSnapshot Sample(int second, LiveFigures overall, params LiveFigures[] functions) =>
        new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).AddSeconds(second), 60, overall, functions, 0);
}
