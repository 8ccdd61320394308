using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>A general-ledger account of the chart of accounts: code, name, type; inactive accounts cannot be coded to.</summary>
public sealed class GlAccount : IAudited, IVersioned, ICompanyCoded, IActivatable
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public Domain.Organization.GlAccountType Type { get; set; } = Domain.Organization.GlAccountType.Expense;

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

internal sealed class GlAccountConfiguration : IEntityTypeConfiguration<GlAccount>
{
    public void Configure(EntityTypeBuilder<GlAccount> builder)
    {
        builder.ToTable("gl_accounts");
        builder.Property(x => x.Code).HasMaxLength(20);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
        builder.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
    }
}
