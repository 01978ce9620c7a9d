using System.Security.Claims;
using System.Text.RegularExpressions;
using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Telemetry;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Radzen;

namespace Djinn.Admin.Web.Tests.Console;

/// <summary>Renders console components to HTML with <see cref="HtmlRenderer"/> (bunit is not available here).</summary>
public static partial class ComponentRendering
{
    /// <summary>Renders <typeparamref name="TComponent"/> with logging, Radzen and the console's live services only.</summary>
    public static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var services = new ServiceCollection().AddLogging();
        services.AddRadzenComponents();
        services.AddScoped<IJSRuntime, PrerenderingJSRuntime>();
        services.AddScoped<CircuitConnection>();
        services.AddSingleton<LiveHistory>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await RenderAsync<TComponent>(scope.ServiceProvider, parameters);
    }

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> with <paramref name="services"/> (for example a scope of the real server,
    /// whose navigation manager is initialised here as the server does for prerendering).
    /// </summary>
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, Dictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        if (services.GetService<NavigationManager>() is IHostEnvironmentNavigationManager navigation)
        {
            navigation.Initialize("http://localhost/", "http://localhost/");
        }

        if (services.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider authentication)
        {
            authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }

        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters ?? []));
            await output.QuiescenceTask;
            // Without the scoped-CSS attributes (b-xxxxxxxxxx), so assertions read like the markup in the .razor file.
            return ScopeAttribute().Replace(output.ToHtmlString(), "");
        });
    }

    [GeneratedRegex(" b-[a-z0-9]{10}")]
    private static partial Regex ScopeAttribute();
}

/// <summary>JavaScript as during server prerendering: there is no browser yet, so every call fails (rendering makes none).</summary>
public sealed class PrerenderingJSRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        throw new InvalidOperationException("JavaScript calls are not available while prerendering: " + identifier);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);
}
