using System.Security.Claims;
using Djinn.Admin.Web.Auth;
using Djinn.Data;
using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Djinn.Admin.Web.Api;

/// <summary>Environment variables, secrets (names only on read) and limits of a function.</summary>
public static class ConfigEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapConfigEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/functions/{name}");
        group.MapGet("/env", GetEnvAsync);
        group.MapPut("/env", PutEnvAsync);
        group.MapGet("/secrets", ListSecretsAsync);
        group.MapPut("/secrets/{key}", PutSecretAsync);
        group.MapDelete("/secrets/{key}", DeleteSecretAsync);
        group.MapGet("/limits", GetLimitsAsync);
        group.MapPut("/limits", PutLimitsAsync);
        return api;
    }

    private static async Task<Results<Ok<SortedDictionary<string, string>>, ProblemHttpResult>> GetEnvAsync(
        string name, ConfigStore config, CancellationToken cancellationToken)
    {
        var env = await config.GetEnvAsync(name, cancellationToken);
        return env is null ? Problems.FunctionNotFound(name) : TypedResults.Ok(env);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutEnvAsync(
        string name, Dictionary<string, string> values, ConfigStore config, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await config.ReplaceEnvAsync(name, values, user.Actor(), cancellationToken);
        return result.Status == StoreStatus.Ok ? TypedResults.NoContent() : Problems.From(result);
    }

    private static async Task<Results<Ok<List<string>>, ProblemHttpResult>> ListSecretsAsync(
        string name, SecretStore secrets, CancellationToken cancellationToken)
    {
        var names = await secrets.ListNamesAsync(name, cancellationToken);
        return names is null ? Problems.FunctionNotFound(name) : TypedResults.Ok(names);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutSecretAsync(
        string name, string key, SetSecretRequest request, SecretStore secrets, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Value is null)
        {
            return Problems.BadRequest("send {\"value\": \"...\"}");
        }

        var result = await secrets.SetAsync(name, key, request.Value, user.Actor(), cancellationToken);
        return result.Status == StoreStatus.Ok ? TypedResults.NoContent() : Problems.From(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSecretAsync(
        string name, string key, SecretStore secrets, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await secrets.DeleteAsync(name, key, user.Actor(), cancellationToken);
        return result.Status == StoreStatus.Ok ? TypedResults.NoContent() : Problems.From(result);
    }

    private static async Task<Results<Ok<LimitsModel>, ProblemHttpResult>> GetLimitsAsync(
        string name, ConfigStore config, CancellationToken cancellationToken)
    {
        var limits = await config.GetLimitsAsync(name, cancellationToken);
        return limits is null ? Problems.FunctionNotFound(name) : TypedResults.Ok(LimitsModel.From(limits));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutLimitsAsync(
        string name, LimitsModel request, ConfigStore config, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var current = await config.GetLimitsAsync(name, cancellationToken);
        if (current is null)
        {
            return Problems.FunctionNotFound(name);
        }

        var errors = new Dictionary<string, string[]>();
        var merged = new FunctionLimits
        {
            FunctionId = current.FunctionId,
            TimeoutMs = (int)Pick(errors, "timeoutMs", request.TimeoutMs, current.TimeoutMs, LimitRanges.TimeoutMs),
            MemoryMb = (int)Pick(errors, "memoryMb", request.MemoryMb, current.MemoryMb, LimitRanges.MemoryMb),
            Fuel = Pick(errors, "fuel", request.Fuel, current.Fuel, LimitRanges.Fuel),
            MaxConcurrency = (int)Pick(errors, "maxConcurrency", request.MaxConcurrency, current.MaxConcurrency, LimitRanges.MaxConcurrency),
            MaxRequestBytes = Pick(errors, "maxRequestBytes", request.MaxRequestBytes, current.MaxRequestBytes, LimitRanges.MaxRequestBytes),
            MaxResponseBytes = Pick(errors, "maxResponseBytes", request.MaxResponseBytes, current.MaxResponseBytes, LimitRanges.MaxResponseBytes),
            RateLimitPerSecond = (int)Pick(errors, "rateLimitPerSecond", request.RateLimitPerSecond, current.RateLimitPerSecond, LimitRanges.RateLimitPerSecond),
            RateLimitBurst = (int)Pick(errors, "rateLimitBurst", request.RateLimitBurst, current.RateLimitBurst, LimitRanges.RateLimitBurst),
        };
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Limits out of range");
        }

        var result = await config.SetLimitsAsync(name, merged, user.Actor(), cancellationToken);
        return result.Status == StoreStatus.Ok ? TypedResults.NoContent() : Problems.From(result);
    }

    /// <summary>The requested value when in range, the current one when absent; records an error otherwise.</summary>
    private static long Pick(Dictionary<string, string[]> errors, string field, long? requested, long current, (long Min, long Max, long Default) range)
    {
        if (requested is not { } value)
        {
            return current;
        }

        if (value < range.Min || value > range.Max)
        {
            errors[field] = [$"must be between {range.Min} and {range.Max}, was {value}"];
            return current;
        }

        return value;
    }
}
