using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Djinn.Data.Configurations;

internal sealed class SecretConfiguration : IEntityTypeConfiguration<Secret>
{
    public void Configure(EntityTypeBuilder<Secret> builder)
    {
        builder.ToTable("Secrets");
        builder.HasKey(s => new { s.FunctionId, s.Name });
        builder.Property(s => s.Name).HasMaxLength(128);
        builder.Property(s => s.Ciphertext).IsRequired();
    }
}
