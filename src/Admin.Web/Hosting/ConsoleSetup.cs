using Microsoft.AspNetCore.Authorization;
using Djinn.Admin.Web.Auth;
using Djinn.Admin.Web.Components;
using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Radzen;

namespace Djinn.Admin.Web.Hosting;

/// <summary>Registrations and endpoints of the Blazor Server admin console.</summary>
public static class ConsoleSetup
{
    /// <summary>
    /// Adds Razor components (interactive server), Radzen, the console's cookie sign-in, the live history its charts
    /// start from and the per-circuit connection state its live components pause and resume on.
    /// </summary>
    public static IServiceCollection AddDjinnConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddRadzenComponents();
        services.AddConsoleCookieAuthentication();
        services.AddLiveHistory();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        return services;
    }

    /// <summary>Serves static assets and maps the console pages; every page except login needs the console cookie.</summary>
    public static WebApplication MapDjinnConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles();
        app.UseAntiforgery();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(ConsoleAuth.PolicyName)
            // The framework script is public so the login page can load it before there is a cookie.
            .Add(e =>
            {
                if (e is RouteEndpointBuilder { RoutePattern.RawText: { } raw } && raw.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal))
                {
                    e.Metadata.Add(new AllowAnonymousAttribute());
                }
            });
        app.MapConsoleFunctionEndpoints();
        app.MapPost(ConsoleAuth.LogoutPath, (Delegate)ConsoleAuth.LogoutAsync).RequireAuthorization(ConsoleAuth.PolicyName);
        return app;
    }
}
