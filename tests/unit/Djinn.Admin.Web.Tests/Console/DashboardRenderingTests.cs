using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Telemetry;
using Djinn.Admin.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Djinn.Admin.Web.Tests.Console.LiveSamples;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class DashboardRenderingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_cards_show_each_figure_as_text_and_as_a_data_value()
    {
        var html = await ComponentRendering.RenderAsync<LiveFigureCards>(new() { ["Figures"] = Figures(null, 2.5, errorRate: 0.1, p50: 1.5, p95: 20, p99: 40) });

        Assert.Contains("aria-label=\"Requests per second\" data-metric=\"rps\" data-value=\"2.5\"", html, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"error-rate\" data-value=\"0.1\"", html, StringComparison.Ordinal);
        Assert.Contains(">10 %</div>", html, StringComparison.Ordinal);
        Assert.Contains(">40 ms</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_charts_start_from_the_sampled_history()
    {
        await using var scope = server.Factory.Services.CreateAsyncScope();
        var live = scope.ServiceProvider.GetRequiredService<LiveWindow>();
        for (var i = 0; i < 5; i++)
        {
            live.Record("dash-busy", TimeSpan.FromMilliseconds(3), error: i == 0);
        }

        scope.ServiceProvider.GetRequiredService<LiveHistory>().Add(live.Snapshot());

        var samples = scope.ServiceProvider.GetRequiredService<LiveHistory>().Recent(LiveSeries.ChartSamples);

        var html = await ComponentRendering.RenderAsync<LiveCharts>(scope.ServiceProvider, new() { ["Samples"] = samples, ["Function"] = "dash-busy" });

        var latest = System.Text.RegularExpressions.Regex.Match(html, "aria-label=\"Requests per second chart\" data-points=\"[1-9][0-9]*\" data-latest=\"([^\"]+)\"");
        Assert.True(latest.Success, html);
        Assert.True(double.Parse(latest.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Matches("aria-label=\"Error rate chart\" data-points=\"[1-9][0-9]*\" data-latest=\"[1-9]", html);
    }
}
