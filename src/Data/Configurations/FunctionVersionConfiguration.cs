using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Djinn.Data.Configurations;

internal sealed class FunctionVersionConfiguration : IEntityTypeConfiguration<FunctionVersion>
{
    public void Configure(EntityTypeBuilder<FunctionVersion> builder)
    {
        builder.ToTable("Versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.FunctionId, v.Number }).IsUnique();
        builder.Property(v => v.Sha256).HasMaxLength(64).IsRequired();
        builder.HasIndex(v => v.Sha256);
        builder.HasOne(v => v.Blob).WithMany().HasForeignKey(v => v.Sha256).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Notes).HasMaxLength(4000);
        builder.Property(v => v.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Property(v => v.ImportsJson).IsRequired();
        builder.Property(v => v.ExportsJson).IsRequired();
    }
}
