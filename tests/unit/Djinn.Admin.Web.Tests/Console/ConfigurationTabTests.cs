using System.Text.Encodings.Web;
using Djinn.Admin.Web.Components.Pages.Functions.Detail;
using Djinn.Admin.Web.Tests.Gateway;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class ConfigurationTabTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string SecretValue = "sk_live_do-not-show-4711";

    // The renderer writes the mask's bullets as character references.
    private static readonly string _renderedMask = HtmlEncoder.Default.Encode(ConfigurationDrafts.SecretMask);

    [Fact]
    public async Task Secrets_are_listed_by_name_with_a_mask_and_an_empty_value_field()
    {
        var html = await ComponentRendering.RenderAsync<ConfigurationTabSecrets>(new()
        {
            ["Names"] = new[] { "API_KEY", "DB_PASSWORD" },
            ["Set"] = (Func<string, string, Task<bool>>)((_, _) => Task.FromResult(true)),
        });

        Assert.Contains("<code>API_KEY</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>DB_PASSWORD</code>", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, _renderedMask));
        Assert.Contains("type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Delete secret API_KEY\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configuration_tab_of_a_function_with_a_secret_never_renders_its_value()
    {
        var admin = server.Admin();
        await admin.DeployAsync("config-secret", GatewayFixtures.Reply("ok"));
        await admin.SetSecretAsync("config-secret", "API_KEY", SecretValue);
        await admin.SetEnvAsync("config-secret", new() { ["GREETING"] = "hello-env" });

        await using var scope = server.Factory.Services.CreateAsyncScope();
        var html = await ComponentRendering.RenderAsync<ConfigurationTab>(scope.ServiceProvider, new() { ["FunctionName"] = "config-secret" });

        Assert.Contains("<code>API_KEY</code>", html, StringComparison.Ordinal);
        Assert.Contains(_renderedMask, html, StringComparison.Ordinal);
        Assert.Contains("hello-env", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretValue, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_range_limit_shows_the_range_message_beside_its_field_and_saving_is_disabled()
    {
        var draft = new FunctionLimits { TimeoutMs = 0, MemoryMb = 5000 };

        var html = await ComponentRendering.RenderAsync<ConfigurationTabLimits>(new() { ["Draft"] = draft });

        Assert.Contains("data-field=\"timeoutMs\">Timeout (ms) must be between 1 and 300000, was 0</div>", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"memoryMb\">Memory (MiB) must be between 1 and 4096, was 5000</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"fuel\"", html, StringComparison.Ordinal);
        Assert.Matches("<button[^>]*disabled[^>]*>.*Save limits", html);
    }

    [Fact]
    public async Task Valid_limits_show_no_messages_and_every_field_is_labelled()
    {
        var html = await ComponentRendering.RenderAsync<ConfigurationTabLimits>(new() { ["Draft"] = new FunctionLimits() });

        Assert.DoesNotContain("field-error", html, StringComparison.Ordinal);
        foreach (var field in ConfigurationDrafts.LimitFields)
        {
            Assert.Contains($"for=\"{field.InputId}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(8, ConfigurationDrafts.LimitFields.Count);
    }

    [Fact]
    public void A_copy_of_the_limits_carries_every_field()
    {
        var limits = new FunctionLimits
        {
            TimeoutMs = 5, MemoryMb = 6, Fuel = 7, MaxConcurrency = 8, MaxRequestBytes = 9, MaxResponseBytes = 10, RateLimitPerSecond = 11, RateLimitBurst = 12,
        };

        var copy = ConfigurationDrafts.Copy(limits);

        Assert.NotSame(limits, copy);
        Assert.Equal(ConfigurationDrafts.LimitFields.Select(f => f.Get(limits)), ConfigurationDrafts.LimitFields.Select(f => f.Get(copy)));
    }

    [Fact]
    public void Variable_rows_with_a_bad_or_repeated_name_are_refused_before_saving()
    {
        Assert.Contains("twice", ConfigurationDrafts.EnvValues([new() { Name = "A", Value = "1" }, new() { Name = "A", Value = "2" }]).Error, StringComparison.Ordinal);
        Assert.Contains("not a valid", ConfigurationDrafts.EnvValues([new() { Name = "1X" }]).Error, StringComparison.Ordinal);
        Assert.Contains("needs a name", ConfigurationDrafts.EnvValues([new() { Name = " " }]).Error, StringComparison.Ordinal);
        Assert.Equal("v", ConfigurationDrafts.EnvValues([new() { Name = " NAME ", Value = "v" }]).Values!["NAME"]);
    }

    [Fact]
    public void Cors_origins_are_one_per_line()
    {
        Assert.Equal(["https://a.example", "https://b.example"], ConfigurationDrafts.Origins(" https://a.example \n\n https://b.example\n"));
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
