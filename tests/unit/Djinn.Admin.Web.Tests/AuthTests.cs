using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests;

public sealed class AuthTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/functions" },
        { "POST", "/api/functions" },
        { "GET", "/api/functions/x" },
        { "PATCH", "/api/functions/x" },
        { "DELETE", "/api/functions/x" },
        { "GET", "/api/functions/x/versions" },
        { "POST", "/api/functions/x/versions" },
        { "POST", "/api/functions/x/versions/1/activate" },
        { "GET", "/api/functions/x/env" },
        { "PUT", "/api/functions/x/env" },
        { "GET", "/api/functions/x/secrets" },
        { "PUT", "/api/functions/x/secrets/K" },
        { "DELETE", "/api/functions/x/secrets/K" },
        { "GET", "/api/functions/x/limits" },
        { "PUT", "/api/functions/x/limits" },
        { "GET", "/api/tokens" },
        { "POST", "/api/tokens" },
        { "DELETE", "/api/tokens/1" },
        { "GET", "/api/audit" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_api_endpoint_answers_401_without_a_token(string method, string url)
    {
        var response = await server.Factory.CreateClient().SendAsync(Request(method, url));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_api_endpoint_answers_401_with_an_invalid_token(string method, string url)
    {
        var response = await server.Factory.CreateClientWithToken("djinn_not-a-real-token").SendAsync(Request(method, url));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsupported_authorization_scheme_gets_401()
    {
        var client = server.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Digest", "username=\"admin\"");

        var response = await client.GetAsync("/api/functions");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Healthz_needs_no_token()
    {
        var response = await server.Factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_token_from_DJINN_ADMIN_TOKEN_is_valid()
    {
        var response = await server.Admin().GetAsync("/api/functions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_created_token_is_shown_once_and_then_works()
    {
        var created = await server.Admin().PostAsJsonAsync("/api/tokens", new { name = "ci" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var token = (string)body["token"]!;
        Assert.StartsWith("djinn_", token, StringComparison.Ordinal);
        Assert.True(token.Length >= 40);
        var response = await server.Factory.CreateClientWithToken(token).GetAsync("/api/functions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await server.Admin().GetStringAsync("/api/tokens");
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.Contains("\"ci\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_hashes()
    {
        var created = await server.Admin().PostAsJsonAsync("/api/tokens", new { name = "hashed" });
        var token = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;

        var stored = await server.Factory.WithDbAsync(db => Task.FromResult(db.ApiTokens.Select(t => t.TokenHash).ToList()));

        Assert.DoesNotContain(token, stored);
        Assert.Contains(Djinn.Data.Services.TokenStore.Hash(token), stored);
    }

    [Fact]
    public async Task A_revoked_token_gets_401()
    {
        var created = await server.Admin().PostAsJsonAsync("/api/tokens", new { name = "short-lived" });
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var client = server.Factory.CreateClientWithToken((string)body["token"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/functions")).StatusCode);

        var revoke = await server.Admin().DeleteAsync($"/api/tokens/{(int)body["id"]!}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await (await client.GetAsync("/api/functions")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var listed = (await server.Admin().GetJsonAsync("/api/tokens")).AsArray().Single(t => (int)t!["id"]! == (int)body["id"]!);
        Assert.True((bool)listed!["revoked"]!);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_gives_404()
    {
        var response = await server.Admin().DeleteAsync("/api/tokens/999999");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_without_a_name_is_rejected_with_400()
    {
        var response = await server.Admin().PostAsJsonAsync("/api/tokens", new { name = " " });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_admin_account_gets_the_password_from_DJINN_ADMIN_PASSWORD()
    {
        await server.Admin().GetAsync("/healthz");

        var user = await server.Factory.WithServiceAsync<Djinn.Data.Services.UserStore, Djinn.Data.Entities.User?>(
            users => users.VerifyPasswordAsync("admin", "test-password"));
        var wrong = await server.Factory.WithServiceAsync<Djinn.Data.Services.UserStore, Djinn.Data.Entities.User?>(
            users => users.VerifyPasswordAsync("admin", "not-it"));

        Assert.NotNull(user);
        Assert.True(user.IsAdmin);
        Assert.Null(wrong);
    }

    [Fact]
    public async Task The_admin_password_over_basic_auth_creates_the_first_token_and_a_wrong_one_gets_401()
    {
        var client = server.Factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "first" }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:test-password")));
        var created = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/functions");
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:not-it")));
        await (await client.SendAsync(wrong)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = JsonContent.Create(new { name = "x" });
        }

        return request;
    }
}
