using Djinn.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Djinn.Admin.Web.Api;

/// <summary>ProblemDetails results used by the admin API.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, string title = "Invalid request") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult FunctionNotFound(string name) => NotFound($"function '{name}' does not exist");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem($"the module must be at most {limit} bytes", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Module too large");

    /// <summary>Maps a failed store result to 400, 404 or 409.</summary>
    public static ProblemHttpResult From<T>(StoreResult<T> result) => result.Status switch
    {
        StoreStatus.NotFound => NotFound(result.Error ?? "not found"),
        StoreStatus.Conflict => Conflict(result.Error ?? "conflict"),
        _ => BadRequest(result.Error ?? "invalid request"),
    };
}
