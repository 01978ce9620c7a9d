using Djinn.Data.Entities;
using Djinn.Data.Services;

namespace Djinn.Data.Tests;

public sealed class TelemetryStoreTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    private static readonly TelemetryRetention KeepAll = new(int.MaxValue, int.MaxValue, TimeSpan.FromDays(3650));

    [Fact]
    public async Task Appended_lines_and_records_read_back_in_order()
    {
        await CreateAsync("tel-read");
        var at = DateTime.UtcNow;
        await AppendAsync(Entry("tel-read", "inv-1", at, "first", "second"), Entry("tel-read", "inv-2", at, "third"));

        var lines = await Telemetry<List<LogLine>?>(t => t.ListLogsAsync("tel-read", 100));
        var records = await Telemetry<List<InvocationRecord>?>(t => t.ListInvocationsAsync("tel-read", 100));

        Assert.Equal(["first", "second", "third"], lines!.Select(l => l.Text));
        Assert.Equal([0, 1, 0], lines!.Select(l => l.Index));
        Assert.Equal("inv-1", lines![0].InvocationId);
        Assert.Equal(["inv-2", "inv-1"], records!.Select(r => r.InvocationId));
        Assert.Equal(DateTimeKind.Utc, records![0].At.Kind);
    }

    [Fact]
    public async Task Entries_of_unknown_functions_are_skipped()
    {
        await CreateAsync("tel-known");

        var stored = await AppendAsync(Entry("tel-known", "a", DateTime.UtcNow, "x"), Entry("tel-nobody", "b", DateTime.UtcNow, "y"));

        Assert.Equal(1, stored);
        Assert.Null(await Telemetry<List<LogLine>?>(t => t.ListLogsAsync("tel-nobody", 10)));
    }

    [Fact]
    public async Task Tail_returns_the_newest_lines_and_since_filters_by_time()
    {
        await CreateAsync("tel-tail");
        var old = DateTime.UtcNow.AddMinutes(-10);
        var recent = DateTime.UtcNow;
        await AppendAsync(Entry("tel-tail", "old", old, "o1", "o2"), Entry("tel-tail", "new", recent, "n1", "n2", "n3"));

        var tail = await Telemetry<List<LogLine>?>(t => t.ListLogsAsync("tel-tail", 2));
        var since = await Telemetry<List<LogLine>?>(t => t.ListLogsAsync("tel-tail", 100, recent.AddSeconds(-1)));

        Assert.Equal(["n2", "n3"], tail!.Select(l => l.Text));
        Assert.Equal(["n1", "n2", "n3"], since!.Select(l => l.Text));
    }

    [Fact]
    public async Task Trimming_keeps_the_newest_lines_and_records_per_function()
    {
        await CreateAsync("tel-trim-a");
        await CreateAsync("tel-trim-b");
        var at = DateTime.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            await AppendAsync(Entry("tel-trim-a", $"a{i}", at, $"a{i}-0", $"a{i}-1"), Entry("tel-trim-b", $"b{i}", at, $"b{i}"));
        }

        await Telemetry<TrimResult>(t => t.TrimAsync(new TelemetryRetention(3, 2, TimeSpan.FromDays(1)), DateTime.UtcNow));

        var a = await Telemetry<List<LogLine>?>(t => t.ListLogsAsync("tel-trim-a", 100));
        var b = await Telemetry<List<LogLine>?>(t => t.ListLogsAsync("tel-trim-b", 100));
        var records = await Telemetry<List<InvocationRecord>?>(t => t.ListInvocationsAsync("tel-trim-a", 100));
        Assert.Equal(["a4-1", "a5-0", "a5-1"], a!.Select(l => l.Text));
        Assert.Equal(["b3", "b4", "b5"], b!.Select(l => l.Text));
        Assert.Equal(["a5", "a4"], records!.Select(r => r.InvocationId));
    }

    [Fact]
    public async Task Trimming_deletes_lines_and_records_older_than_the_maximum_age()
    {
        await CreateAsync("tel-age");
        var now = DateTime.UtcNow;
        await AppendAsync(Entry("tel-age", "old", now.AddHours(-3), "stale"), Entry("tel-age", "new", now.AddMinutes(-1), "fresh"));

        var result = await Telemetry<TrimResult>(t => t.TrimAsync(KeepAll with { MaxAge = TimeSpan.FromHours(1) }, now));

        var lines = await Telemetry<List<LogLine>?>(t => t.ListLogsAsync("tel-age", 100));
        Assert.Equal(new TrimResult(1, 1), result);
        Assert.Equal(["fresh"], lines!.Select(l => l.Text));
    }

    [Fact]
    public async Task Deleting_a_function_deletes_its_telemetry()
    {
        await CreateAsync("tel-gone");
        await AppendAsync(Entry("tel-gone", "gone-1", DateTime.UtcNow, "bye"));

        await store.With<FunctionStore, bool>(f => f.DeleteAsync("tel-gone", "test"));

        var orphans = await store.With<DjinnDbContext, int>(db => Task.FromResult(
            db.LogLines.Count(l => l.InvocationId == "gone-1") + db.InvocationRecords.Count(r => r.InvocationId == "gone-1")));
        Assert.Equal(0, orphans);
    }

    [Fact]
    public async Task Overlong_lines_are_truncated()
    {
        await CreateAsync("tel-long");
        await AppendAsync(Entry("tel-long", "x", DateTime.UtcNow, new string('z', LogLine.MaxTextLength + 10)));

        var lines = await Telemetry<List<LogLine>?>(t => t.ListLogsAsync("tel-long", 10));

        Assert.Equal(LogLine.MaxTextLength, lines![0].Text.Length);
    }

    /// <summary>The store is registered by the server's telemetry setup, so tests build it on a scoped context.</summary>
    private Task<T> Telemetry<T>(Func<TelemetryStore, Task<T>> action) =>
        store.With<DjinnDbContext, T>(db => action(new TelemetryStore(db)));

    private Task CreateAsync(string name) =>
        store.With<FunctionStore, StoreResult<Function>>(f => f.CreateAsync(name, new FunctionChanges(), "test"));

    private Task<int> AppendAsync(params TelemetryEntry[] entries) =>
        Telemetry<int>(t => t.AppendAsync(entries));

    private static TelemetryEntry Entry(string function, string invocationId, DateTime at, params string[] lines) =>
        new(function, new InvocationRecord
        {
            InvocationId = invocationId,
            Version = 1,
            Status = 200,
            Outcome = "Success",
            DurationMs = 1.5,
            At = at,
        }, lines);
}
