using Djinn.Admin.Web.Gateway;
using Djinn.Engine.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Admin.Web.Tests.Gateway;

/// <summary>Functions share the console's origin, so what they return must not be able to act as the console.</summary>
public sealed class GatewaySandboxTests
{
    [Fact]
    public async Task A_function_response_is_sandboxed_by_a_content_security_policy()
    {
        var context = await ExecuteAsync(new Dictionary<string, string[]> { ["Content-Type"] = ["text/html"] });

        Assert.Equal([GatewayResponses.SandboxPolicy], Values(context.Response.Headers.ContentSecurityPolicy));
        Assert.StartsWith("sandbox ", GatewayResponses.SandboxPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-same-origin", GatewayResponses.SandboxPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_the_function_sets_is_kept_beside_the_sandbox()
    {
        var context = await ExecuteAsync(new Dictionary<string, string[]> { ["Content-Security-Policy"] = ["default-src 'none'"] });

        Assert.Equal(["default-src 'none'", GatewayResponses.SandboxPolicy], Values(context.Response.Headers.ContentSecurityPolicy));
    }

    [Fact]
    public async Task A_function_cannot_set_the_consoles_cookies_but_may_set_its_own()
    {
        var context = await ExecuteAsync(new Dictionary<string, string[]>
        {
            ["Set-Cookie"] = ["djinn.console=stolen; Path=/", " .AspNetCore.Antiforgery.x=1", "cart=42; Path=/fn/shop"],
        });

        Assert.Equal(["cart=42; Path=/fn/shop"], Values(context.Response.Headers.SetCookie));
    }

    private static string[] Values(Microsoft.Extensions.Primitives.StringValues values) => values.Select(v => v ?? "").ToArray();

    private static async Task<DefaultHttpContext> ExecuteAsync(Dictionary<string, string[]> headers)
    {
        var response = new FunctionResponse(200, headers, "<p>hi</p>"u8.ToArray());
        var result = new InvocationResult(FunctionOutcome.Success, response, null, null, [], TimeSpan.FromMilliseconds(1), 0, 0);
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        await GatewayResponses.From(result, "page", 1, "id", new Dictionary<string, string>()).ExecuteAsync(context);
        return context;
    }
}
