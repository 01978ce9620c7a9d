using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Djinn.Data.Configurations;

internal sealed class LogLineConfiguration : IEntityTypeConfiguration<LogLine>
{
    public void Configure(EntityTypeBuilder<LogLine> builder)
    {
        builder.ToTable("LogLines");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.InvocationId).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Text).HasMaxLength(LogLine.MaxTextLength).IsRequired();
        builder.HasOne<Function>().WithMany().HasForeignKey(l => l.FunctionId).OnDelete(DeleteBehavior.Cascade);
        // Reads and the per-function retention both walk one function's lines by id.
        builder.HasIndex(l => new { l.FunctionId, l.Id });
    }
}
