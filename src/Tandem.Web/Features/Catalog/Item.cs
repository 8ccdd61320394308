using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>Something we buy. Vendors price it through <see cref="Offer"/>s.</summary>
public sealed class Item : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Unit of measure code: EA, BOX, KG, HR, ...</summary>
    public string Unit { get; set; } = "EA";

    public Guid CategoryId { get; set; }

    /// <summary>Free attributes (colour, size, ...) as a JSON object of strings.</summary>
    public string? AttributesJson { get; set; }

    public string? ImageUrl { get; set; }

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

/// <summary>A vendor's price for an item over a validity period. Periods of one vendor's offers for one item never overlap.</summary>
public sealed class Offer : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid ItemId { get; set; }

    public Guid VendorId { get; set; }

    public long UnitPriceMicros { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>Minimum order quantity, in 1/10,000 units.</summary>
    public long MinimumQuantityUnits { get; set; }

    public long PackSizeUnits { get; set; }

    public int LeadTimeDays { get; set; }

    /// <summary>Freight charged per order, in minor units of <see cref="Currency"/>; null = none.</summary>
    public long? FreightMinor { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public string? ContractReference { get; set; }

    public int Version { get; set; }
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>, IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.ToTable("items");
        builder.Property(x => x.Sku).HasMaxLength(40);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Description).HasMaxLength(2000);
        builder.Property(x => x.Unit).HasMaxLength(10);
        builder.Property(x => x.AttributesJson).HasMaxLength(4000);
        builder.Property(x => x.ImageUrl).HasMaxLength(500);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Sku }).IsUnique();
        builder.HasIndex(x => new { x.CompanyId, x.CategoryId });
    }

    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("offers");
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.ContractReference).HasMaxLength(60);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vendors.Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.ItemId, x.VendorId, x.ValidFrom });
        builder.HasIndex(x => new { x.VendorId });
    }
}
