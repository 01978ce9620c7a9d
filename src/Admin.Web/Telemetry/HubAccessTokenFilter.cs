using Djinn.Admin.Web.Hubs;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// Browsers cannot set headers on WebSocket (or EventSource) requests, so SignalR clients send the bearer token as
/// <c>access_token</c> in the query string. For requests to the hub only, this moves it into the
/// <c>Authorization</c> header (before authentication runs) and removes it from the query string.
/// </summary>
internal sealed class HubAccessTokenFilter : IStartupFilter
{
    private const string Parameter = "access_token";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments(TelemetryHub.Path, StringComparison.OrdinalIgnoreCase)
                && request.Query.TryGetValue(Parameter, out var token) && !string.IsNullOrEmpty(token)
                && string.IsNullOrEmpty(request.Headers.Authorization))
            {
                request.Headers.Authorization = "Bearer " + token.ToString();
                var rest = request.Query.Where(q => !string.Equals(q.Key, Parameter, StringComparison.Ordinal));
                request.QueryString = QueryString.Create(rest);
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
