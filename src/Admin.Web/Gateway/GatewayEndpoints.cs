namespace Djinn.Admin.Web.Gateway;

/// <summary>
/// The function gateway: <c>ANY /fn/{name}/{**path}</c> and <c>/fn/{name}@{version}/{**path}</c>, plus each function's
/// custom route prefix for requests that no other endpoint matched.
/// </summary>
public static class GatewayEndpoints
{
    /// <summary>Maps <c>/fn</c> (anonymous at the routing level: each function applies its own auth setting).</summary>
    public static IEndpointRouteBuilder MapDjinnGateway(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fn").AllowAnonymous().WithTags("Gateway");
        group.Map("/{target}/{**path}", InvokeAsync);
        return app;
    }

    /// <summary>
    /// Serves custom routes (for example <c>/hello</c>): runs after routing and only for requests that matched no
    /// endpoint, so a custom route never shadows the API, the console or <c>/fn</c>.
    /// </summary>
    public static IApplicationBuilder UseDjinnCustomRoutes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && context.Request.Path.HasValue)
            {
                var resolver = context.RequestServices.GetRequiredService<FunctionResolver>();
                if (await resolver.MatchRouteAsync(context.Request.Path.Value!, context.RequestAborted) is { } match)
                {
                    var gateway = context.RequestServices.GetRequiredService<FunctionGateway>();
                    var result = await gateway.HandleAsync(context, match.Name, null, match.Remainder);
                    await result.ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });

    private static Task<IResult> InvokeAsync(HttpContext context, FunctionGateway gateway)
    {
        var (name, version, rest) = GatewayRequestReader.SplitFunctionPath(context.Request.Path.Value!);
        return gateway.HandleAsync(context, name, version, rest);
    }
}
