using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Djinn.Admin.Web.Tests.Infrastructure;

/// <summary>Small helpers for calling the admin API in tests.</summary>
public static class ApiClientExtensions
{
    public static async Task CreateFunctionAsync(this HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/functions", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<JsonObject> UploadAsync(this HttpClient client, string name, string wat, string? notes = null, string? activate = null)
    {
        var response = await client.PostAsync($"/api/functions/{name}/versions", Modules.Form(wat, notes, activate));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>Asserts a ProblemDetails answer with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
