using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Data.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class TokensRenderingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void A_new_token_is_shown_until_dismissed_and_then_gone_for_good()
    {
        var token = new NewToken();
        Assert.False(token.IsShown);

        token.Show("ci", "djinn_secret-value");
        Assert.Equal(("ci", "djinn_secret-value"), (token.Name, token.Value));

        token.Dismiss();
        Assert.False(token.IsShown);
        Assert.Null(token.Value);
    }

    [Fact]
    public async Task The_token_list_shows_prefixes_and_never_a_token_itself()
    {
        await using var scope = server.Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<TokenStore>();
        var (info, token) = (await store.CreateAsync("admin", "render-check", "test")).Value;

        var html = await ComponentRendering.RenderAsync<TokenTable>(scope.ServiceProvider, new() { ["Tokens"] = await store.ListAsync() });

        Assert.Contains("render-check", html, StringComparison.Ordinal);
        Assert.Contains(info.Prefix, html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, html, StringComparison.Ordinal);
        Assert.DoesNotContain(token[info.Prefix.Length..], html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_shows_when_it_was_revoked_and_offers_no_revoke_button()
    {
        await using var scope = server.Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<TokenStore>();
        var info = (await store.CreateAsync("admin", "revoked-one", "test")).Value.Info;
        await store.RevokeAsync(info.Id, "test");
        var revoked = (await store.ListAsync()).Single(t => t.Id == info.Id);

        var html = await ComponentRendering.RenderAsync<TokenTable>(scope.ServiceProvider, new() { ["Tokens"] = new[] { revoked } });

        Assert.Contains("token-revoked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Revoke revoked-one", html, StringComparison.Ordinal);
    }
}
