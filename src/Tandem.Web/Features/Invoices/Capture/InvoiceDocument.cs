using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Capture;

public enum InvoiceDocumentStatus
{
    /// <summary>Became an invoice (or a credit note applied to one).</summary>
    Captured,

    /// <summary>No vendor has the seller's tax id or electronic address: a clerk names the vendor.</summary>
    UnknownVendor,

    /// <summary>The vendor is known but the order (or, for a credit note, the invoice) it refers to is not found.</summary>
    NoOrder,

    /// <summary>Set aside by a clerk (not an invoice for this company, sent twice, …).</summary>
    Discarded,
}

/// <summary>
/// A received electronic invoice file, kept as it arrived (the original is always downloadable) with what was read from
/// it. It becomes an <see cref="Invoice"/> when its vendor and order are found; otherwise it waits in the AP inbox with
/// the reason, and a clerk names the vendor or order.
/// </summary>
public sealed class InvoiceDocument : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string FileName { get; set; } = "";

    public int SizeBytes { get; set; }

    /// <summary>SHA-256 of the content (hex): the same file delivered twice is recognised.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>How it came: "upload" (the import page or API), "api" (machine delivery) or "inbox" (the inbox folder).</summary>
    public string Channel { get; set; } = "";

    public InvoiceDocumentStatus Status { get; set; }

    /// <summary>Why it waits, in words (unknown vendor, order not found, …).</summary>
    public string Reason { get; set; } = "";

    public bool IsCreditNote { get; set; }

    public string Number { get; set; } = "";

    public DateOnly IssueDate { get; set; }

    public string Currency { get; set; } = "";

    public long PayableMinor { get; set; }

    public string SellerName { get; set; } = "";

    public string? SellerTaxId { get; set; }

    public string? OrderReference { get; set; }

    public Guid? VendorId { get; set; }

    public Guid? InvoiceId { get; set; }

    public Guid ReceivedById { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>The file as received, apart from its audited record (audit rows never carry file content).</summary>
public sealed class InvoiceDocumentFile
{
    public Guid DocumentId { get; set; }

    public byte[] Content { get; set; } = [];
}

internal sealed class InvoiceDocumentFileConfiguration : IEntityTypeConfiguration<InvoiceDocumentFile>
{
    public void Configure(EntityTypeBuilder<InvoiceDocumentFile> builder)
    {
        builder.ToTable("invoice_document_files");
        builder.HasKey(x => x.DocumentId);
        builder.HasOne<InvoiceDocument>().WithOne().HasForeignKey<InvoiceDocumentFile>(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceDocumentConfiguration : IEntityTypeConfiguration<InvoiceDocument>
{
    public void Configure(EntityTypeBuilder<InvoiceDocument> builder)
    {
        builder.ToTable("invoice_documents");
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.ContentHash).HasMaxLength(64);
        builder.Property(x => x.Channel).HasMaxLength(20);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Reason).HasMaxLength(1000);
        builder.Property(x => x.Number).HasMaxLength(50);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.SellerName).HasMaxLength(200);
        builder.Property(x => x.SellerTaxId).HasMaxLength(50);
        builder.Property(x => x.OrderReference).HasMaxLength(50);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.ReceivedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.ContentHash }).IsUnique();
        builder.HasIndex(x => new { x.CompanyId, x.Status });
        builder.HasIndex(x => x.VendorId);
        builder.HasIndex(x => x.InvoiceId);
        builder.HasIndex(x => x.ReceivedById);
    }
}
