using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.BlanketOrders;

/// <summary>What a release beyond an agreement's remaining limit does: refused, or held until a controller approves the overrun.</summary>
public enum OverLimit
{
    Refuse,
    Route,
}

public enum BlanketStatus
{
    Active,
    Closed,
}

/// <summary>
/// A vendor agreement (blanket order): a limit in one currency over a validity period, with agreed prices. Release
/// orders made under it take its prices and draw the limit down; what remains is the limit less every release that was
/// not cancelled.
/// </summary>
public sealed class BlanketOrder : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Number { get; set; } = "";

    public Guid VendorId { get; set; }

    public string Currency { get; set; } = "";

    public long LimitMinor { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly ValidTo { get; set; }

    public OverLimit OverLimit { get; set; }

    public BlanketStatus Status { get; set; }

    public string? Notes { get; set; }

    public Guid CreatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }

    public List<BlanketOrderLine> Lines { get; set; } = [];
}

/// <summary>An agreed price: for a catalog item, or for a description (matched without regard to case).</summary>
public sealed class BlanketOrderLine : IAudited
{
    public Guid Id { get; set; }

    public Guid BlanketOrderId { get; set; }

    public Guid? ItemId { get; set; }

    public string Description { get; set; } = "";

    public string Unit { get; set; } = "";

    public long UnitPriceMicros { get; set; }
}

internal sealed class BlanketOrderConfiguration : IEntityTypeConfiguration<BlanketOrder>
{
    public void Configure(EntityTypeBuilder<BlanketOrder> builder)
    {
        builder.ToTable("blanket_orders");
        builder.Property(x => x.Number).HasMaxLength(30);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.OverLimit).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.Notes).HasMaxLength(4000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasIndex(x => new { x.VendorId, x.Status });
        builder.HasIndex(x => x.CreatedById);
        builder.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.BlanketOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BlanketOrderLineConfiguration : IEntityTypeConfiguration<BlanketOrderLine>
{
    public void Configure(EntityTypeBuilder<BlanketOrderLine> builder)
    {
        builder.ToTable("blanket_order_lines");
        builder.Property(x => x.Description).HasMaxLength(1000);
        builder.Property(x => x.Unit).HasMaxLength(20);
        builder.HasIndex(x => x.BlanketOrderId);
        builder.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.ItemId);
    }
}
