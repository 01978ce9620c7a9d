using Djinn.Admin.Web.Components.Shared;
using Djinn.Data.Entities;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class AuditFilterTests
{
    private static readonly AuditEntry[] Entries =
    [
        new() { Id = 3, Actor = "admin (console)", Action = "function.create", Target = "function/hello" },
        new() { Id = 2, Actor = "admin (token ci)", Action = "version.create", Target = "function/hello-world" },
        new() { Id = 1, Actor = "ops (console)", Action = "token.create", Target = "token/djinn_abc123" },
    ];

    [Fact]
    public void Filtering_by_target_and_actor_matches_parts_ignoring_case()
    {
        Assert.Equal([3L, 2L], AuditFilter.Apply(Entries, "FUNCTION/hello", null).Select(e => e.Id));
        Assert.Equal([2L], AuditFilter.Apply(Entries, "hello", "token ci").Select(e => e.Id));
        Assert.Equal([1L], AuditFilter.Apply(Entries, null, "OPS").Select(e => e.Id));
        Assert.Equal(3, AuditFilter.Apply(Entries, " ", "").Count);
    }

    [Theory]
    [InlineData("function/hello", "functions/hello")]
    [InlineData("function/hello/secrets/PW", "functions/hello")]
    [InlineData("token/djinn_abc123", "tokens")]
    [InlineData("user/admin", null)]
    public void Targets_link_to_their_console_pages(string target, string? link)
    {
        Assert.Equal(link, AuditFilter.LinkOf(target));
    }
}
