using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Invoicing;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// Match tolerances as data: the company default (no vendor, no category), or an override for a vendor, a category, or
/// both. The most specific rule applies (vendor and category, then vendor, then category, then the default); with no
/// rule at all nothing is tolerated.
/// </summary>
public sealed class MatchToleranceRule : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid? VendorId { get; set; }

    public Guid? CategoryId { get; set; }

    public int? PriceBasisPoints { get; set; }

    /// <summary>Per unit, in micros of the order currency.</summary>
    public long? PriceAbsoluteMicros { get; set; }

    public ToleranceCombination PriceCombination { get; set; }

    public int? QuantityBasisPoints { get; set; }

    public int? AmountBasisPoints { get; set; }

    public long? AmountAbsoluteMinor { get; set; }

    public ToleranceCombination AmountCombination { get; set; }

    public int Version { get; set; }

    public MatchTolerance ToTolerance() => new(
        new Limit(PriceBasisPoints, PriceAbsoluteMicros, PriceCombination),
        new Limit(QuantityBasisPoints, null),
        new Limit(AmountBasisPoints, AmountAbsoluteMinor, AmountCombination));

    /// <summary>The rule for a vendor and category among a company's rules: the most specific one, else exact matching.</summary>
    public static MatchTolerance For(IReadOnlyList<MatchToleranceRule> rules, Guid vendorId, Guid? categoryId)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var rule = rules.FirstOrDefault(r => r.VendorId == vendorId && r.CategoryId is not null && r.CategoryId == categoryId)
            ?? rules.FirstOrDefault(r => r.VendorId == vendorId && r.CategoryId is null)
            ?? rules.FirstOrDefault(r => r.VendorId is null && r.CategoryId is not null && r.CategoryId == categoryId)
            ?? rules.FirstOrDefault(r => r.VendorId is null && r.CategoryId is null);
        return rule?.ToTolerance() ?? MatchTolerance.Exact;
    }
}

internal sealed class MatchToleranceRuleConfiguration : IEntityTypeConfiguration<MatchToleranceRule>
{
    public void Configure(EntityTypeBuilder<MatchToleranceRule> builder)
    {
        builder.ToTable("match_tolerances");
        builder.Property(x => x.PriceCombination).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.AmountCombination).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.VendorId, x.CategoryId }).IsUnique();
        builder.HasIndex(x => x.VendorId);
        builder.HasIndex(x => x.CategoryId);
    }
}
