using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Coding;

/// <summary>An explicit GL coding rule: invoice lines (of a vendor, or of any) whose description contains the keyword go to the account and cost center.</summary>
public sealed class GlCodingRule : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid? VendorId { get; set; }

    public string Keyword { get; set; } = "";

    public Guid GlAccountId { get; set; }

    public Guid? CostCenterId { get; set; }

    /// <summary>Lower first, among rules of the same reach (a vendor's own rules always come before any-vendor rules).</summary>
    public int Priority { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// The GL classifier's counts, per company: how often a feature (vendor, word, amount band) went with an account.
/// The feature "" counts lines; "*" counts features. Incremented in the transaction that codes or corrects a line,
/// so every instance shares one model and learning never loses an update.
/// </summary>
public sealed class GlModelCount
{
    public Guid CompanyId { get; set; }

    public string Feature { get; set; } = "";

    public Guid GlAccountId { get; set; }

    public long Count { get; set; }
}

internal sealed class GlCodingRuleConfiguration : IEntityTypeConfiguration<GlCodingRule>
{
    public void Configure(EntityTypeBuilder<GlCodingRule> builder)
    {
        builder.ToTable("gl_coding_rules");
        builder.Property(x => x.Keyword).HasMaxLength(100);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CostCenter>().WithMany().HasForeignKey(x => x.CostCenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.VendorId, x.Keyword }).IsUnique();
        builder.HasIndex(x => x.VendorId);
        builder.HasIndex(x => x.GlAccountId);
        builder.HasIndex(x => x.CostCenterId);
    }
}

internal sealed class GlModelCountConfiguration : IEntityTypeConfiguration<GlModelCount>
{
    public void Configure(EntityTypeBuilder<GlModelCount> builder)
    {
        builder.ToTable("gl_model_counts");
        builder.HasKey(x => new { x.CompanyId, x.Feature, x.GlAccountId });
        builder.Property(x => x.Feature).HasMaxLength(100);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.GlAccountId);
    }
}
