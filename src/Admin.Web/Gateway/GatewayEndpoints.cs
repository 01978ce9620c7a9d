namespace Djinn.Admin.Web.Gateway;

/// <summary>
/// The function gateway: <c>ANY /fn/{name}/{**path}</c> and <c>/fn/{name}@{version}/{**path}</c>, plus each function's
/// custom route prefix for requests that no other endpoint matched.
/// </summary>
public static class GatewayEndpoints
{
    /// <summary>The path prefix of the gateway.</summary>
    public const string Prefix = "/fn/";

    /// <summary>
    /// Serves <c>/fn/{target}/{**path}</c> as a middleware placed before authentication, authorization, antiforgery,
    /// static files and the console: those never apply to function calls (each function applies its own auth setting
    /// and CORS), and skipping them, with no per-request DI scope, is most of what a function call costs.
    /// </summary>
    public static IApplicationBuilder UseDjinnGateway(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gateway = app.ApplicationServices.GetRequiredService<FunctionGateway>();
        return app.Use(next => context =>
            IsGatewayPath(context.Request.Path.Value) ? InvokeAsync(context, gateway) : next(context));
    }

    /// <summary>
    /// Serves custom routes (for example <c>/hello</c>): runs after routing and only for requests that matched no
    /// endpoint, so a custom route never shadows the API, the console or <c>/fn</c>.
    /// </summary>
    public static IApplicationBuilder UseDjinnCustomRoutes(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var resolver = app.ApplicationServices.GetRequiredService<FunctionResolver>();
        var gateway = app.ApplicationServices.GetRequiredService<FunctionGateway>();
        return app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && context.Request.Path.HasValue)
            {
                if (await resolver.MatchRouteAsync(context.Request.Path.Value!, context.RequestAborted) is { } match)
                {
                    var result = await gateway.HandleAsync(context, match.Name, null, match.Remainder);
                    await result.ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
    }

    /// <summary>True for <c>/fn/{target}</c> and <c>/fn/{target}/...</c> with a non-empty target (<c>fn</c> in any case, as routing matches it).</summary>
    public static bool IsGatewayPath(string? path) =>
        path is { Length: > 4 } && path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && path[4] != '/';

    private static async Task InvokeAsync(HttpContext context, FunctionGateway gateway)
    {
        var (name, version, rest) = GatewayRequestReader.SplitFunctionPath(context.Request.Path.Value!);
        var result = await gateway.HandleAsync(context, name, version, rest);
        await result.ExecuteAsync(context);
    }
}
