using Djinn.Data.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Djinn.Data;

/// <summary>Registers the data layer.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SQLite <see cref="DjinnDbContext"/>, Data Protection with its key ring under the data directory,
    /// and the stores. <paramref name="dataDirectory"/> is evaluated once, when first needed.
    /// </summary>
    public static IServiceCollection AddDjinnData(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.AddSingleton(sp => new DataPaths(dataDirectory(sp)));
        services.AddDbContext<DjinnDbContext>((sp, options) => options
            .UseSqlite(sp.GetRequiredService<DataPaths>().ConnectionString)
            .AddInterceptors(WalConnectionInterceptor.Instance, ConfigurationSaveInterceptor.Instance, ConfigurationTransactionInterceptor.Instance));

        services.AddDataProtection().SetApplicationName("Djinn");
        services.AddOptions<KeyManagementOptions>().Configure<DataPaths, ILoggerFactory>((options, paths, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(paths.Keys), loggers));

        services.AddScoped<FunctionStore>();
        services.AddScoped<VersionStore>();
        services.AddScoped<ConfigStore>();
        services.AddScoped<SecretStore>();
        services.AddScoped<UserStore>();
        services.AddScoped<TokenStore>();
        services.AddScoped<AuditLog>();
        return services;
    }

    /// <summary>Applies pending migrations (creating the database on first start).</summary>
    public static async Task MigrateDjinnDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DjinnDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
