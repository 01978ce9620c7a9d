using Djinn.Data;
using Djinn.Data.Services;

namespace Djinn.Admin.Web.Services;

/// <summary>
/// Runs before the server accepts requests: applies migrations and creates the <c>admin</c> account on
/// first start, printing a generated password once when <c>DJINN_ADMIN_PASSWORD</c> is not set.
/// </summary>
internal sealed class DataInitializer(IServiceProvider services, IConfiguration configuration, ILogger<DataInitializer> logger) : IHostedService
{
    public const string AdminPasswordKey = "DJINN_ADMIN_PASSWORD";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var paths = services.GetRequiredService<DataPaths>();
        logger.LogInformation("Data directory: {DataDirectory}", paths.Root);
        if (Engine.GuardPageTraps.Active) logger.LogInformation("Guest memory accesses: bounds left to guard pages");
        else logger.LogWarning("Guest memory accesses: checked in code (guard pages need {Variable}=1 at process start, and x86-64 Linux)", Engine.GuardPageTraps.RuntimeVariable);
        await services.MigrateDjinnDatabaseAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserStore>();
        var generated = await users.EnsureAdminAsync(configuration[AdminPasswordKey], cancellationToken);
        if (generated is not null)
        {
            // Deliberately the console and not a logger: log sinks may be stored; this is shown once.
            Console.WriteLine($"Admin password (shown once): {generated}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
