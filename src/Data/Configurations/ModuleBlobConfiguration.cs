using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Djinn.Data.Configurations;

internal sealed class ModuleBlobConfiguration : IEntityTypeConfiguration<ModuleBlob>
{
    public void Configure(EntityTypeBuilder<ModuleBlob> builder)
    {
        builder.ToTable("ModuleBlobs");
        builder.HasKey(b => b.Sha256);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.Property(b => b.Bytes).IsRequired();
    }
}
