using System.Net.Http.Headers;
using Djinn.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Djinn.Admin.Web.Tests.Infrastructure;

/// <summary>
/// The real server in memory on a real SQLite file in <see cref="DataDirectory"/>, with
/// <c>DJINN_ADMIN_TOKEN</c> set to <see cref="AdminTokenValue"/>.
/// </summary>
public sealed class DjinnFactory(string dataDirectory, long? maxModuleBytes = null, string? adminPassword = "test-password") : WebApplicationFactory<Program>
{
    public const string AdminTokenValue = "test-admin-token-0123456789";

    public string DataDirectory { get; } = dataDirectory;

    public CapturedLogs Logs { get; } = new();

    /// <summary>A client that sends the admin token.</summary>
    public HttpClient CreateAdminClient() => CreateClientWithToken(AdminTokenValue);

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs <paramref name="action"/> with a fresh context on the server's database.</summary>
    public async Task<T> WithDbAsync<T>(Func<DjinnDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DjinnDbContext>());
    }

    /// <summary>Resolves a scoped service (e.g. a store) and runs <paramref name="action"/> with it.</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DJINN_DATA", DataDirectory);
        builder.UseSetting("DJINN_ADMIN_TOKEN", AdminTokenValue);
        if (adminPassword is not null)
        {
            builder.UseSetting("DJINN_ADMIN_PASSWORD", adminPassword);
        }

        if (maxModuleBytes is not null)
        {
            builder.UseSetting("Djinn:MaxModuleBytes", maxModuleBytes.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.ConfigureLogging(logging =>
        {
            // Everything goes to the captured logs (the secret-leak tests read every
            // level); nothing to the console, where it would bury test failures.
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
    }
}
