using System.Net;
using System.Net.Http.Json;
using System.Text;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Gateway;

/// <summary>Guest modules for gateway tests and helpers to deploy them through the admin API.</summary>
public static class GatewayFixtures
{
    /// <summary>Reflects the request JSON as the response body (JSON mode).</summary>
    public static string Contract => Read("contract.wat");

    /// <summary>Writes its environment to stdout, one NAME=value per line.</summary>
    public static string Environ => Read("environ.wat");

    /// <summary>Misbehaves by the first letter of the function name: b = bad output, s = spin, f = flood, x = exit 3, else trap.</summary>
    public static string Misbehave => Read("misbehave.wat");

    /// <summary>A JSON-contract module answering <paramref name="status"/> with <paramref name="body"/> (plain ASCII, no quotes).</summary>
    public static string Reply(string body, int status = 200)
    {
        var json = $"{{\"status\":{status},\"body\":\"{body}\"}}";
        var escaped = json.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $$"""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 64) "{{escaped}}")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 64))
                (i32.store (i32.const 4) (i32.const {{Encoding.ASCII.GetByteCount(json)}}))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """;
    }

    /// <summary>Creates a function with the given options and uploads <paramref name="wat"/> as version 1.</summary>
    public static async Task DeployAsync(
        this HttpClient admin, string name, string wat, string mode = "json", string? route = null, string auth = "public", string[]? corsOrigins = null)
    {
        var response = await admin.PostAsJsonAsync("/api/functions", new { name, route, mode, auth, corsOrigins });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await admin.UploadAsync(name, wat);
    }

    /// <summary>Changes some limits (absent fields keep their value).</summary>
    public static async Task SetLimitsAsync(this HttpClient admin, string name, object limits)
    {
        var response = await admin.PutAsJsonAsync($"/api/functions/{name}/limits", limits);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Replaces the function's environment variables.</summary>
    public static async Task SetEnvAsync(this HttpClient admin, string name, Dictionary<string, string> values)
    {
        var response = await admin.PutAsJsonAsync($"/api/functions/{name}/env", values);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Sets one secret.</summary>
    public static async Task SetSecretAsync(this HttpClient admin, string name, string key, string value)
    {
        var response = await admin.PutAsJsonAsync($"/api/functions/{name}/secrets/{key}", new { value });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Patches the function (canary, auth, CORS, route, mode).</summary>
    public static async Task PatchAsync(this HttpClient admin, string name, object changes)
    {
        var response = await admin.PatchAsJsonAsync($"/api/functions/{name}", changes);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The version header of a gateway response.</summary>
    public static string? VersionOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Djinn-Version", out var values) ? values.Single() : null;

    private static string Read(string file) => File.ReadAllText(Path.Combine(FixtureDirectory(), file));

    /// <summary>The fixtures in the source tree (found above the test assembly by Djinn.slnx).</summary>
    private static string FixtureDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Djinn.slnx")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new InvalidOperationException("Djinn.slnx not found above " + AppContext.BaseDirectory)
            : Path.Combine(dir.FullName, "tests", "unit", "Djinn.Admin.Web.Tests", "Gateway", "Fixtures");
    }
}
