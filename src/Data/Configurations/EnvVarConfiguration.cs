using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Djinn.Data.Configurations;

internal sealed class EnvVarConfiguration : IEntityTypeConfiguration<EnvVar>
{
    public void Configure(EntityTypeBuilder<EnvVar> builder)
    {
        builder.ToTable("EnvVars");
        builder.HasKey(e => new { e.FunctionId, e.Name });
        builder.Property(e => e.Name).HasMaxLength(128);
        builder.Property(e => e.Value).IsRequired();
    }
}
