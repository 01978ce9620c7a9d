using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Telemetry;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class LogsTailTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Arriving_lines_are_shown_only_when_flushed_as_one_batch()
    {
        var tail = new LogTail();
        tail.Append(Line("a"));
        tail.Append(Line("b"));

        Assert.Empty(tail.View);
        Assert.True(tail.Flush());
        Assert.Equal(["a", "b"], tail.View.Select(l => l.Line));
        Assert.False(tail.Flush());
    }

    [Fact]
    public void The_tail_keeps_only_the_newest_lines_up_to_its_capacity()
    {
        var tail = new LogTail(capacity: 3);
        foreach (var text in new[] { "1", "2", "3", "4" })
        {
            tail.Append(Line(text));
        }

        tail.Flush();
        tail.Append(Line("5"));
        tail.Flush();

        Assert.Equal(["3", "4", "5"], tail.View.Select(l => l.Line));
    }

    [Fact]
    public async Task A_flood_from_many_threads_is_shown_in_one_flush_and_capped()
    {
        var tail = new LogTail(capacity: 5000);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++)
            {
                tail.Append(Line($"{t}-{i}", invocation: $"inv-{t}", index: i));
            }
        })));

        Assert.True(tail.Flush());
        Assert.Equal(5000, tail.Count);
        Assert.False(tail.Flush());
    }

    [Fact]
    public void Pausing_holds_lines_back_and_counts_them_until_resumed()
    {
        var tail = new LogTail();
        tail.Append(Line("before"));
        tail.Flush();

        tail.Pause();
        tail.Append(Line("during 1"));
        tail.Append(Line("during 2"));

        Assert.True(tail.Flush());
        Assert.Equal(2, tail.ArrivedWhilePaused);
        Assert.Equal(["before"], tail.View.Select(l => l.Line));
        Assert.False(tail.Flush());

        tail.Resume();
        tail.Flush();
        Assert.Equal(["before", "during 1", "during 2"], tail.View.Select(l => l.Line));
        Assert.Equal(0, tail.ArrivedWhilePaused);
    }

    [Fact]
    public void Stored_lines_that_also_arrive_live_are_shown_once()
    {
        var tail = new LogTail();
        tail.Backfill([Line("stored", invocation: "inv-1", index: 0)]);
        tail.Append(Line("stored", invocation: "inv-1", index: 0));
        tail.Append(Line("new", invocation: "inv-2", index: 0));

        tail.Flush();

        Assert.Equal(["stored", "new"], tail.View.Select(l => l.Line));
    }

    [Fact]
    public void The_filter_matches_text_ignoring_case_and_the_version()
    {
        var tail = new LogTail();
        tail.Append(Line("Handling a request", version: 1));
        tail.Append(Line("handling another", version: 2));
        tail.Append(Line("done", version: 2));
        tail.Flush();

        tail.SetFilter("HANDLING", null);
        Assert.Equal(["Handling a request", "handling another"], tail.View.Select(l => l.Line));

        tail.SetFilter("handling", 2);
        Assert.Equal(["handling another"], tail.View.Select(l => l.Line));

        tail.Append(Line("handling more", version: 2));
        tail.Flush();
        Assert.Equal(["handling another", "handling more"], tail.View.Select(l => l.Line));
        Assert.Equal([1, 2], tail.Versions);

        tail.SetFilter(" ", null);
        Assert.Equal(4, tail.View.Count);
    }

    [Fact]
    public void Clearing_forgets_shown_and_waiting_lines()
    {
        var tail = new LogTail();
        tail.Append(Line("shown"));
        tail.Flush();
        tail.Append(Line("waiting"));

        tail.Clear();
        tail.Flush();

        Assert.Empty(tail.View);
        Assert.Empty(tail.Versions);
    }

    [Fact]
    public void The_download_has_one_line_per_shown_line_with_time_version_and_invocation()
    {
        var tail = new LogTail();
        tail.Append(Line("logger: handling a request", version: 3, invocation: "inv-9"));
        tail.Append(Line("other", version: 3));
        tail.Flush();
        tail.SetFilter("logger", null);

        Assert.Equal("2026-11-21T12:00:00.000Z v3 inv-9 logger: handling a request\n", tail.ToLogFile());
    }

    private static LogEvent Line(string text, int version = 1, string? invocation = null, int index = 0) =>
        new("logger", version, invocation ?? Guid.NewGuid().ToString("N"), index, At, text);
}
