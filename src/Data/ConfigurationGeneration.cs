using System.Data.Common;
using System.Runtime.CompilerServices;
using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Djinn.Data;

/// <summary>
/// A process-wide counter that moves whenever function configuration is saved (functions, versions, limits, env vars,
/// secrets), so hot paths such as the gateway can cache what they read and re-read only after a change. It moves
/// after SaveChanges and again when the surrounding transaction commits, so a reader that raced with an uncommitted
/// write never keeps its stale copy. One process only: several nodes would need a shared signal.
/// </summary>
public static class ConfigurationGeneration
{
    private static long s_value;

    /// <summary>The current generation; read it before reading the configuration it guards.</summary>
    public static long Current => Interlocked.Read(ref s_value);

    internal static void Bump() => Interlocked.Increment(ref s_value);

    internal static bool IsConfiguration(object entity) =>
        entity is Function or FunctionVersion or FunctionLimits or EnvVar or Secret;
}

/// <summary>Marks a context whose save touched configuration, and moves the generation after the save and at commit.</summary>
internal static class ConfigurationChangeTracker
{
    private static readonly ConditionalWeakTable<DbContext, object> s_pending = new();

    public static void Saving(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted &&
                ConfigurationGeneration.IsConfiguration(entry.Entity))
            {
                s_pending.AddOrUpdate(context, s_pending);
                return;
            }
        }
    }

    public static void Saved(DbContext? context)
    {
        if (context is null || !s_pending.TryGetValue(context, out _)) return;
        ConfigurationGeneration.Bump();
        if (context.Database.CurrentTransaction is null) s_pending.Remove(context);
    }

    public static void Ended(DbContext? context)
    {
        if (context is not null && s_pending.Remove(context)) ConfigurationGeneration.Bump();
    }
}

/// <summary>The save half of <see cref="ConfigurationChangeTracker"/>.</summary>
internal sealed class ConfigurationSaveInterceptor : SaveChangesInterceptor
{
    public static readonly ConfigurationSaveInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ConfigurationChangeTracker.Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ConfigurationChangeTracker.Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ConfigurationChangeTracker.Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ConfigurationChangeTracker.Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ConfigurationChangeTracker.Ended(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ConfigurationChangeTracker.Ended(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>The transaction half of <see cref="ConfigurationChangeTracker"/>.</summary>
internal sealed class ConfigurationTransactionInterceptor : DbTransactionInterceptor
{
    public static readonly ConfigurationTransactionInterceptor Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        ConfigurationChangeTracker.Ended(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConfigurationChangeTracker.Ended(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        ConfigurationChangeTracker.Ended(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConfigurationChangeTracker.Ended(eventData.Context);
        return Task.CompletedTask;
    }
}
