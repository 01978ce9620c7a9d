using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Data.Tests;

/// <summary>
/// Keeps src/Data/Migrations in step with the model. dotnet-ef cannot run against this net9 self-contained
/// build, so a new migration is scaffolded by running this class with DJINN_SCAFFOLD_MIGRATION=&lt;Name&gt;.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_model_has_no_changes_that_are_missing_from_the_migrations()
    {
        using var context = NewContext();
        var snapshot = context.GetService<IMigrationsAssembly>().ModelSnapshot;
        Assert.NotNull(snapshot);
        IModel snapshotModel = snapshot.Model is IMutableModel mutable ? mutable.FinalizeModel() : snapshot.Model;
        snapshotModel = context.GetService<IModelRuntimeInitializer>().Initialize(snapshotModel);
        var differ = context.GetService<IMigrationsModelDiffer>();
        var current = context.GetService<IDesignTimeModel>().Model;
        var differences = differ.GetDifferences(snapshotModel.GetRelationalModel(), current.GetRelationalModel());
        Assert.True(differences.Count == 0, "Pending model changes; scaffold a migration: " +
            string.Join(", ", differences.Select(d => d.GetType().Name)));
    }

    [Fact]
    public void A_new_migration_is_scaffolded_when_one_is_requested()
    {
        var name = Environment.GetEnvironmentVariable("DJINN_SCAFFOLD_MIGRATION");
        if (string.IsNullOrEmpty(name))
        {
            return; // Only a developer asks for one.
        }

        using var context = NewContext();
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(context);
#pragma warning disable EF1001 // The provider's design-time services are internal API; dotnet-ef uses them the same way.
        new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
        using var provider = services.BuildServiceProvider();
        var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
        var migration = scaffolder.ScaffoldMigration(name, "Djinn.Data", "Migrations");
        var projectDir = Path.Combine(RepoRoot(), "src", "Data");
        var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
        Assert.True(File.Exists(files.MigrationFile));
    }

    internal static DjinnDbContext NewContext() =>
        new(new DbContextOptionsBuilder<DjinnDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Djinn.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Djinn.slnx not found above " + AppContext.BaseDirectory);
    }
}
