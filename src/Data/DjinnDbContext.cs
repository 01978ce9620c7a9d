using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Djinn.Data;

/// <summary>The one EF Core context of Djinn. Each entity is configured in <c>Configurations/</c>.</summary>
public sealed class DjinnDbContext(DbContextOptions<DjinnDbContext> options) : DbContext(options)
{
    /// <summary>Functions.</summary>
    public DbSet<Function> Functions => Set<Function>();

    /// <summary>Immutable function versions.</summary>
    public DbSet<FunctionVersion> Versions => Set<FunctionVersion>();

    /// <summary>Content-addressed module bytes.</summary>
    public DbSet<ModuleBlob> ModuleBlobs => Set<ModuleBlob>();

    /// <summary>Plain environment variables.</summary>
    public DbSet<EnvVar> EnvVars => Set<EnvVar>();

    /// <summary>Encrypted secrets.</summary>
    public DbSet<Secret> Secrets => Set<Secret>();

    /// <summary>Per-function limits.</summary>
    public DbSet<FunctionLimits> Limits => Set<FunctionLimits>();

    /// <summary>Operator accounts.</summary>
    public DbSet<User> Users => Set<User>();

    /// <summary>Hashed API tokens.</summary>
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>The audit log.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Stored guest log lines (recent ones per function).</summary>
    public DbSet<LogLine> LogLines => Set<LogLine>();

    /// <summary>Records of finished invocations (recent ones per function).</summary>
    public DbSet<InvocationRecord> InvocationRecords => Set<InvocationRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DjinnDbContext).Assembly);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time zone; everything is stored as UTC and read back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
