using Djinn.Admin.Web.Components.Pages.Functions.Detail;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class VersionsTabTests
{
    private const string Hash1 = "aaaaaaaaaaaa1111111111111111111111111111111111111111111111111111";
    private const string Hash2 = "bbbbbbbbbbbb2222222222222222222222222222222222222222222222222222";

    private static readonly VersionRow[] _rows =
    [
        new(2, Hash2, 1536, new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc), "admin (console)", "second",
            ["wasi_snapshot_preview1.fd_write"], ["memory", "_start"], IsActive: true, IsCanary: false),
        new(1, Hash1, 300, new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc), "admin (token ci)", null,
            [], ["_start"], IsActive: false, IsCanary: true),
    ];

    [Fact]
    public async Task Only_non_active_versions_have_an_activate_button()
    {
        var html = await RenderListAsync();

        Assert.Contains("aria-label=\"Activate version 1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Activate version 2", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_active_version_is_marked_and_the_canary_tagged()
    {
        var html = await RenderListAsync();

        Assert.Contains("<tr class=\"version-active\" data-version=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains(">active</span>", html, StringComparison.Ordinal);
        Assert.Contains(">canary</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashes_are_shortened_with_the_full_hash_on_hover_and_sizes_are_readable()
    {
        var html = await RenderListAsync();

        Assert.Contains($"title=\"{Hash2}\">bbbbbbbbbbbb</code>", html, StringComparison.Ordinal);
        Assert.Contains(">1.5 KiB</td>", html, StringComparison.Ordinal);
        Assert.Contains(">300 B</td>", html, StringComparison.Ordinal);
        Assert.Contains("<code>wasi_snapshot_preview1.fd_write</code>", html, StringComparison.Ordinal);
        Assert.Contains("admin (token ci)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_without_versions_says_so()
    {
        var html = await ComponentRendering.RenderAsync<VersionsTabList>(new() { ["Rows"] = Array.Empty<VersionRow>() });

        Assert.Contains("No versions yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(5 * 1024 * 1024, "5.0 MiB")]
    public void Sizes_are_formatted_in_binary_units(long bytes, string expected)
    {
        Assert.Equal(expected, VersionRows.FormatSize(bytes));
    }

    [Fact]
    public void A_refused_upload_shows_the_problem_title_and_the_engine_detail()
    {
        const string problem = """{"type":"x","title":"Invalid module","status":400,"detail":"broken.wat:1:30: unexpected end of input"}""";

        Assert.Equal("Invalid module: broken.wat:1:30: unexpected end of input", VersionRows.UploadError(problem));
        Assert.Equal("<html>proxy error</html>", VersionRows.UploadError("<html>proxy error</html>"));
        Assert.Contains("did not answer", VersionRows.UploadError(""), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_version_answer_counts_as_a_finished_upload()
    {
        Assert.Equal(3, VersionRows.UploadedVersion("""{"version":3,"sha256":"ab"}"""));
        Assert.Null(VersionRows.UploadedVersion("<!DOCTYPE html><title>Log in</title>"));
        Assert.Null(VersionRows.UploadedVersion(null));
    }

    private static Task<string> RenderListAsync() =>
        ComponentRendering.RenderAsync<VersionsTabList>(new() { ["Rows"] = _rows });
}
