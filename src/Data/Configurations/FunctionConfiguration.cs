using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Djinn.Data.Configurations;

internal sealed class FunctionConfiguration : IEntityTypeConfiguration<Function>
{
    public void Configure(EntityTypeBuilder<Function> builder)
    {
        builder.ToTable("Functions");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Name).HasMaxLength(63).IsRequired();
        builder.HasIndex(f => f.Name).IsUnique();
        builder.Property(f => f.Route).HasMaxLength(200);
        builder.HasIndex(f => f.Route).IsUnique();
        builder.Property(f => f.Mode).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(f => f.Auth).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(f => f.CorsOrigins).IsRequired();
        builder.HasMany(f => f.Versions).WithOne(v => v.Function).HasForeignKey(v => v.FunctionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.EnvVars).WithOne().HasForeignKey(e => e.FunctionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.Secrets).WithOne().HasForeignKey(s => s.FunctionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.Limits).WithOne().HasForeignKey<FunctionLimits>(l => l.FunctionId).OnDelete(DeleteBehavior.Cascade);
    }
}
