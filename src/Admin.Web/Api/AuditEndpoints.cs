using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Djinn.Admin.Web.Api;

/// <summary><c>/api/audit</c>: the most recent administrative changes.</summary>
public static class AuditEndpoints
{
    /// <summary>Maps the route. Query: <c>take</c> (1–1000, default 100), <c>function</c> to filter by function.</summary>
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync);
        return api;
    }

    private static async Task<Ok<AuditResponse[]>> ListAsync(AuditLog audit, int? take, string? function, CancellationToken cancellationToken)
    {
        var target = string.IsNullOrEmpty(function) ? null : FunctionStore.TargetOf(function);
        var entries = await audit.ListAsync(take ?? 100, target, cancellationToken);
        return TypedResults.Ok(entries.Select(AuditResponse.From).ToArray());
    }
}
