using Djinn.Admin.Web.Components.Pages.Functions;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class FunctionListRenderingTests
{
    [Fact]
    public async Task An_active_version_renders_as_a_badge_with_its_number()
    {
        var html = await ComponentRendering.RenderAsync<ActiveVersionBadge>(new Dictionary<string, object?> { ["Version"] = 3 });

        Assert.Contains(">v3</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("version-none", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_without_versions_renders_none()
    {
        var html = await ComponentRendering.RenderAsync<ActiveVersionBadge>(new Dictionary<string, object?> { ["Version"] = null });

        Assert.Contains("version-none", html, StringComparison.Ordinal);
        Assert.Contains(">none</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_matches_names_and_routes_ignoring_case()
    {
        FunctionRow[] rows = [new("hello", "/fn/hello", 1, "json"), new("echo", "/api/echo", null, "raw")];

        Assert.Equal(["hello"], FunctionRows.Filter(rows, "HEL").Select(r => r.Name));
        Assert.Equal(["echo"], FunctionRows.Filter(rows, "/api").Select(r => r.Name));
        Assert.Equal(2, FunctionRows.Filter(rows, "  ").Count);
    }

    [Theory]
    [InlineData("hello-world", true)]
    [InlineData("a", true)]
    [InlineData("Hello", false)]
    [InlineData("-leading-dash", false)]
    [InlineData("", false)]
    public void Function_names_are_validated_like_the_api(string name, bool valid)
    {
        Assert.Equal(valid, FunctionRows.ValidateName(name) is null);
    }
}
