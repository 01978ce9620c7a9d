using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Djinn.Data.Configurations;

internal sealed class InvocationRecordConfiguration : IEntityTypeConfiguration<InvocationRecord>
{
    public void Configure(EntityTypeBuilder<InvocationRecord> builder)
    {
        builder.ToTable("InvocationRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.InvocationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Outcome).HasMaxLength(32).IsRequired();
        builder.Property(r => r.Trap).HasMaxLength(32);
        builder.Property(r => r.TraceId).HasMaxLength(64);
        builder.HasOne<Function>().WithMany().HasForeignKey(r => r.FunctionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.FunctionId, r.Id });
    }
}
