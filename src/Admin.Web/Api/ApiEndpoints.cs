namespace Djinn.Admin.Web.Api;

/// <summary>Maps the admin REST API under <c>/api</c>; every route requires a bearer token.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps all admin API route groups.</summary>
    public static IEndpointRouteBuilder MapDjinnApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapFunctionEndpoints();
        api.MapVersionEndpoints();
        api.MapConfigEndpoints();
        api.MapTokenEndpoints();
        api.MapAuditEndpoints();
        return app;
    }
}
