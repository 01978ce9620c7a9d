using Djinn.Admin.Web.Api;
using Djinn.Admin.Web.Auth;
using Djinn.Admin.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Djinn.Admin.Web.Hosting;

/// <summary>
/// The console's own upload endpoint, <c>POST /console/functions/{name}/versions</c>: the same upload as the REST API
/// (<see cref="VersionUploader"/>), under the console cookie instead of a bearer token, so the browser can post the file
/// directly and report progress. Only same-origin requests are accepted.
/// </summary>
public static class ConsoleFunctionEndpoints
{
    /// <summary>The upload address of a function's versions, relative to the console's base address.</summary>
    public static string UploadPath(string function) => $"console/functions/{Uri.EscapeDataString(function)}/versions";

    /// <summary>Adds the services shared by the API and the console: the version uploader and the test-tab invoker.</summary>
    public static IServiceCollection AddDjinnFunctionManagement(this IServiceCollection services)
    {
        services.AddScoped<VersionUploader>();
        services.AddSingleton<ConsoleInvoker>();
        return services;
    }

    /// <summary>Maps the console upload endpoint under the console policy.</summary>
    public static IEndpointRouteBuilder MapConsoleFunctionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/console/functions/{name}/versions", UploadAsync)
            .RequireAuthorization(ConsoleAuth.PolicyName)
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// True when the request comes from a page of this server: its <c>Origin</c> names this host, or the browser marks
    /// it <c>Sec-Fetch-Site: same-origin</c>. Together with the SameSite=Strict cookie this stops cross-site posts.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "same-origin", StringComparison.Ordinal))
        {
            return true;
        }

        string? origin = request.Headers.Origin;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Results<Created<VersionResponse>, ProblemHttpResult>> UploadAsync(
        string name, HttpContext context, VersionUploader uploader)
    {
        if (!IsSameOrigin(context.Request))
        {
            return TypedResults.Problem(
                "console uploads must come from the console's own pages", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        return await uploader.UploadAsync(name, context.Request, ConsoleActor.Of(context.User), context.RequestAborted);
    }
}
