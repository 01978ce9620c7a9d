using System.Net.Http.Headers;
using Djinn.Admin.Web.Hosting;
using Djinn.Admin.Web.Telemetry;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Engine.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Djinn.Admin.Web.Tests.Telemetry;

/// <summary>Invocation events as the gateway would report them.</summary>
internal static class Invocations
{
    public static InvocationEvent Event(
        string function,
        IReadOnlyList<string>? lines = null,
        double durationMs = 5,
        int status = 200,
        FunctionOutcome outcome = FunctionOutcome.Success,
        int version = 1,
        long fuel = 0) =>
        new(Guid.NewGuid().ToString("N"), function, version, status, outcome,
            outcome == FunctionOutcome.Trap ? Djinn.Engine.TrapCode.Unreachable : null,
            TimeSpan.FromMilliseconds(durationMs), fuel, 65536, "4bf92f3577b34da6a3ce929d0e0e4736", lines ?? [], DateTimeOffset.UtcNow);

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + (what ?? "a condition"));
            await Task.Delay(50);
        }
    }
}

/// <summary>A clock that moves only when told to.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// The server's registrations and pipeline (the same extension methods Program.cs calls) on a real Kestrel listener on
/// 127.0.0.1 and a free port, in this process, so tests can reach its services (the <see cref="IInvocationSink"/>) and
/// still talk real HTTP streaming and WebSockets to it.
/// </summary>
internal sealed class KestrelDjinn : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly WebApplication _app;

    private KestrelDjinn(TempDirectory directory, WebApplication app, Uri baseAddress, CapturedLogs logs)
    {
        _directory = directory;
        _app = app;
        BaseAddress = baseAddress;
        Logs = logs;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the server logged at Information and above.</summary>
    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    public IInvocationSink Sink => _app.Services.GetRequiredService<IInvocationSink>();

    public static async Task<KestrelDjinn> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = new TempDirectory();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory.Path, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DJINN_DATA"] = directory.Path,
            ["DJINN_ADMIN_TOKEN"] = DjinnFactory.AdminTokenValue,
            ["DJINN_ADMIN_PASSWORD"] = "test-password",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information).AddProvider(logs);
        builder.AddDjinnServer();
        var app = builder.Build();
        app.UseDjinnServer();
        await app.StartAsync();
        return new KestrelDjinn(directory, app, new Uri(app.Urls.First()), logs);
    }

    public HttpClient CreateAdminClient(TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DjinnFactory.AdminTokenValue);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
    }
}
