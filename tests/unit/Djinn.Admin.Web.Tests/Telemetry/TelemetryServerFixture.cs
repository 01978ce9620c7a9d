using System.Net.Http.Headers;
using Djinn.Admin.Web.Telemetry;
using Djinn.Admin.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Admin.Web.Tests.Telemetry;

/// <summary>The server in memory with a tiny retention (5 lines, 2 records per function) trimmed every 200 ms.</summary>
public sealed class TelemetryServerFixture : IDisposable
{
    public const int KeptLines = 5;
    public const int KeptInvocations = 2;

    private readonly TempDirectory _directory = new();
    private readonly DjinnFactory _factory;

    public TelemetryServerFixture()
    {
        _factory = new DjinnFactory(_directory.Path);
        Factory = _factory.WithWebHostBuilder(builder => builder
            .UseSetting("Djinn:Telemetry:LogLinesPerFunction", KeptLines.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Djinn:Telemetry:InvocationsPerFunction", KeptInvocations.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Djinn:Telemetry:TrimInterval", "00:00:00.200"));
    }

    public WebApplicationFactory<Program> Factory { get; }

    public CapturedLogs Logs => _factory.Logs;

    public string DataDirectory => _directory.Path;

    public IInvocationSink Sink => Factory.Services.GetRequiredService<IInvocationSink>();

    public HttpClient Admin()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DjinnFactory.AdminTokenValue);
        return client;
    }

    public void Dispose()
    {
        Factory.Dispose();
        _factory.Dispose();
        _directory.Dispose();
    }
}
