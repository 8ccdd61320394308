using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>A kind of onboarding document the company asks vendors for (tax form, insurance certificate, ...).</summary>
public sealed class VendorDocumentType : IAudited, IVersioned, ICompanyCoded, IActivatable
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Required documents must be accepted (and in date) before a vendor can be approved, and keep it active.</summary>
    public bool IsRequired { get; set; }

    public bool RequiresExpiry { get; set; }

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

public enum DocumentReview
{
    Pending,
    Accepted,
    Rejected,
}

/// <summary>An uploaded onboarding document. The bytes live in <see cref="VendorDocumentFile"/> so lists stay light.</summary>
public sealed class VendorDocument : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid VendorId { get; set; }

    public Guid DocumentTypeId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long SizeBytes { get; set; }

    public string Sha256 { get; set; } = "";

    public DateOnly? ExpiresOn { get; set; }

    public Guid UploadedById { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public DocumentReview Review { get; set; }

    public Guid? ReviewedById { get; set; }

    public DateTime? ReviewedAtUtc { get; set; }

    public string? ReviewNote { get; set; }

    public int Version { get; set; }
}

public sealed class VendorDocumentFile
{
    public Guid DocumentId { get; set; }

    public byte[] Content { get; set; } = [];
}

internal sealed class VendorDocumentConfiguration :
    IEntityTypeConfiguration<VendorDocumentType>, IEntityTypeConfiguration<VendorDocument>, IEntityTypeConfiguration<VendorDocumentFile>
{
    public void Configure(EntityTypeBuilder<VendorDocumentType> builder)
    {
        builder.ToTable("vendor_document_types");
        builder.Property(x => x.Code).HasMaxLength(20);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<VendorDocument> builder)
    {
        builder.ToTable("vendor_documents");
        builder.Property(x => x.FileName).HasMaxLength(255);
        builder.Property(x => x.ContentType).HasMaxLength(100);
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.Property(x => x.Review).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.ReviewNote).HasMaxLength(500);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<VendorDocumentType>().WithMany().HasForeignKey(x => x.DocumentTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Users.User>().WithMany().HasForeignKey(x => x.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.VendorId, x.DocumentTypeId });
        builder.HasIndex(x => new { x.CompanyId, x.ExpiresOn });
    }

    public void Configure(EntityTypeBuilder<VendorDocumentFile> builder)
    {
        builder.ToTable("vendor_document_files");
        builder.HasKey(x => x.DocumentId);
        builder.HasOne<VendorDocument>().WithOne().HasForeignKey<VendorDocumentFile>(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
