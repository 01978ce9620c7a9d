using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Telemetry;
using Djinn.Admin.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class LiveSamplingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_server_samples_the_live_window_into_the_history_every_second()
    {
        var live = server.Factory.Services.GetRequiredService<LiveWindow>();
        var history = server.Factory.Services.GetRequiredService<LiveHistory>();

        live.Record("sampled", TimeSpan.FromMilliseconds(2), error: false);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (LiveSeries.FiguresOf(history.Latest, "sampled").Requests == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, LiveSeries.FiguresOf(history.Latest, "sampled").Requests);
        var before = history.Recent(int.MaxValue).Count;
        await Task.Delay(2500);
        Assert.InRange(history.Recent(int.MaxValue).Count - before, 1, 4);
    }

    [Fact]
    public async Task A_reconnection_is_reported_only_after_the_connection_was_down()
    {
        var connection = new CircuitConnection();
        var reconnections = 0;
        connection.Reconnected += () => reconnections++;

        await connection.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal((true, 0), (connection.IsUp, reconnections));

        await connection.OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.False(connection.IsUp);

        await connection.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal((true, 1), (connection.IsUp, reconnections));
    }
}
