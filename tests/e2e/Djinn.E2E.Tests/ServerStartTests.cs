namespace Djinn.E2E.Tests;

/// <summary>The real server process, started by the fixture as a user would start it (no browser needed).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ServerStartTests(DjinnServerFixture server)
{
    [Fact]
    public async Task The_server_restarts_itself_with_guard_page_traps_when_started_without_them_and_serves()
    {
        // The fixture removed DOTNET_legacyCorruptedStateExceptionsPolicy from the server's environment; the server
        // re-executed itself with it (same process, so the fixture's handle still tracks it) and says so in its log.
        Assert.Contains("Guest memory accesses: bounds left to guard pages", server.ServerLog);
        Assert.DoesNotContain("checked in code", server.ServerLog);
        Assert.False(server.ServerProcess.HasExited);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var response = await http.GetAsync("/fn/hello");
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("Hello", await response.Content.ReadAsStringAsync());
    }
}
