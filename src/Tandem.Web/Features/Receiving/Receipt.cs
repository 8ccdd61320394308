using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Receiving;

/// <summary>A goods receipt: what arrived against one purchase order on one day, recorded by a receiver. Never edited; a return corrects it.</summary>
public sealed class Receipt : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Number { get; set; } = "";

    public Guid PurchaseOrderId { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public Guid ReceiverId { get; set; }

    /// <summary>The carrier's delivery note or packing slip number.</summary>
    public string? DeliveryNote { get; set; }

    public string? Notes { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<ReceiptLine> Lines { get; set; } = [];
}

/// <summary>One purchase order line on a receipt: accepted and rejected (with why) — units for goods, minor units of the amount for services.</summary>
public sealed class ReceiptLine : IAudited
{
    public Guid Id { get; set; }

    public Guid ReceiptId { get; set; }

    public Guid PurchaseOrderLineId { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    public string? RejectReason { get; set; }

    /// <summary>Returned to the vendor later (sum of the returns against this line).</summary>
    public long Returned { get; set; }
}

/// <summary>Goods sent back to the vendor from a receipt line: they no longer count as received.</summary>
public sealed class VendorReturn : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Number { get; set; } = "";

    public Guid ReceiptLineId { get; set; }

    public Guid PurchaseOrderId { get; set; }

    public long Quantity { get; set; }

    public string Reason { get; set; } = "";

    public DateOnly ReturnedOn { get; set; }

    public Guid ById { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> builder)
    {
        builder.ToTable("receipts");
        builder.Property(x => x.Number).HasMaxLength(30);
        builder.Property(x => x.DeliveryNote).HasMaxLength(100);
        builder.Property(x => x.Notes).HasMaxLength(2000);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PurchaseOrder>().WithMany().HasForeignKey(x => x.PurchaseOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.ReceiverId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasIndex(x => new { x.PurchaseOrderId, x.ReceivedOn });
        builder.HasIndex(x => new { x.CompanyId, x.ReceivedOn });
        builder.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.ReceiptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReceiptLineConfiguration : IEntityTypeConfiguration<ReceiptLine>
{
    public void Configure(EntityTypeBuilder<ReceiptLine> builder)
    {
        builder.ToTable("receipt_lines");
        builder.Property(x => x.RejectReason).HasMaxLength(500);
        builder.HasOne<PurchaseOrderLine>().WithMany().HasForeignKey(x => x.PurchaseOrderLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.PurchaseOrderLineId);
    }
}

internal sealed class VendorReturnConfiguration : IEntityTypeConfiguration<VendorReturn>
{
    public void Configure(EntityTypeBuilder<VendorReturn> builder)
    {
        builder.ToTable("vendor_returns");
        builder.Property(x => x.Number).HasMaxLength(30);
        builder.Property(x => x.Reason).HasMaxLength(500);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReceiptLine>().WithMany().HasForeignKey(x => x.ReceiptLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PurchaseOrder>().WithMany().HasForeignKey(x => x.PurchaseOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasIndex(x => x.ReceiptLineId);
        builder.HasIndex(x => x.PurchaseOrderId);
    }
}
