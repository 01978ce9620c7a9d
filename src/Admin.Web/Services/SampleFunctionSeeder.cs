using Djinn.Data;
using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Admin.Web.Services;

/// <summary>
/// On first start (a database that has never had a function: none now and none in the audit log) creates the sample functions <c>hello</c> (JSON contract),
/// <c>echo</c> (raw mode) and <c>logger</c> (logs to stderr) from the WAT files embedded in the server
/// (examples/functions), and compiles them, so a new user can invoke one at once. Runs after
/// <see cref="DataInitializer"/> has migrated the database.
/// </summary>
internal sealed class SampleFunctionSeeder(IServiceProvider services, ILogger<SampleFunctionSeeder> logger) : IHostedService
{
    /// <summary>The actor recorded in the audit log.</summary>
    public const string Actor = "system";

    private static readonly (string Name, FunctionMode Mode)[] _samples =
    [
        ("hello", FunctionMode.Json),
        ("echo", FunctionMode.Raw),
        ("logger", FunctionMode.Json),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<DjinnDbContext>();
        // Once anyone created or deleted a function, the samples are not brought back (deleting them is a choice).
        if (await db.Functions.AnyAsync(cancellationToken)
            || await db.AuditEntries.AnyAsync(a => a.Action.StartsWith("function."), cancellationToken))
        {
            return;
        }

        var functions = provider.GetRequiredService<FunctionStore>();
        var versions = provider.GetRequiredService<VersionStore>();
        var inspector = provider.GetRequiredService<ModuleInspector>();
        var runtime = provider.GetRequiredService<FunctionRuntime>();
        foreach (var (name, mode) in _samples)
        {
            var bytes = ReadSample(name);
            var inspection = inspector.Inspect(bytes, name + ".wat");
            if (!inspection.IsValid)
            {
                logger.LogError("Sample function {Name} is invalid: {Error}", name, inspection.Error);
                continue;
            }

            var created = await functions.CreateAsync(name, new FunctionChanges(Mode: mode), Actor, cancellationToken);
            if (created.Status != StoreStatus.Ok)
            {
                continue;
            }

            var version = await versions.CreateAsync(
                name, new NewVersion(bytes, "sample function", inspection.Imports, inspection.Exports), Actor, cancellationToken);
            if (version.Status == StoreStatus.Ok)
            {
                runtime.Precompile(version.Value!.Sha256, bytes);
            }
        }

        logger.LogInformation("Seeded the sample functions: try GET /fn/hello");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The embedded <c>examples/functions/{name}.wat</c>.</summary>
    public static byte[] ReadSample(string name)
    {
        using var stream = typeof(SampleFunctionSeeder).Assembly.GetManifestResourceStream($"Djinn.Samples.{name}.wat")
            ?? throw new InvalidOperationException($"the sample function {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
