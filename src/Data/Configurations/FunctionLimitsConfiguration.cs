using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Djinn.Data.Configurations;

internal sealed class FunctionLimitsConfiguration : IEntityTypeConfiguration<FunctionLimits>
{
    public void Configure(EntityTypeBuilder<FunctionLimits> builder)
    {
        builder.ToTable("Limits");
        builder.HasKey(l => l.FunctionId);
        builder.Property(l => l.FunctionId).ValueGeneratedNever();
    }
}
