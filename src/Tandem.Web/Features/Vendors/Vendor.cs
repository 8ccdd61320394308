using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Vendors;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

/// <summary>
/// A vendor: who we buy from and pay. Its verified bank account changes only through an approved
/// <see cref="BankChangeRequest"/>; its status only through the lifecycle (ADR 0011).
/// </summary>
public sealed class Vendor : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>The vendor number people and CSV files use (unique per company).</summary>
    public string Code { get; set; } = "";

    public string LegalName { get; set; } = "";

    public string? TradingName { get; set; }

    public string? TaxId { get; set; }

    /// <summary>Tax id without punctuation, upper-cased: what duplicate detection compares.</summary>
    public string? TaxIdKey { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; set; } = "";

    public string DefaultCurrency { get; set; } = "";

    public int PaymentNetDays { get; set; }

    public int PaymentDiscountBasisPoints { get; set; }

    public int PaymentDiscountDays { get; set; }

    /// <summary>The terms count from the end of the invoice's month ("net 30 EOM").</summary>
    public bool PaymentEndOfMonth { get; set; }

    public Guid? DefaultGlAccountId { get; set; }

    public string? Notes { get; set; }

    public VendorStatus Status { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>The employee who asked for this vendor: they may not approve it.</summary>
    public Guid RequestedById { get; set; }

    public Guid CreatedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    [NotAudited]
    public string? BankAccountHolder { get; set; }

    [NotAudited]
    public string? BankIban { get; set; }

    [NotAudited]
    public string? BankBic { get; set; }

    [NotAudited]
    public string? BankAccountNumber { get; set; }

    [NotAudited]
    public string? BankRoutingNumber { get; set; }

    /// <summary>The verified account as the audit trail and most people see it ("•••• 3000").</summary>
    public string? BankMasked { get; set; }

    public DateTime? BankVerifiedAtUtc { get; set; }

    public int Version { get; set; }

    public List<VendorAddress> Addresses { get; set; } = [];

    public List<VendorContact> Contacts { get; set; } = [];

    public List<VendorCategory> Categories { get; set; } = [];

    public List<VendorSignOffRecord> SignOffs { get; set; } = [];

    public PaymentTerms Terms => new(PaymentNetDays, PaymentDiscountBasisPoints, PaymentDiscountDays, PaymentEndOfMonth);
}

/// <summary>Where invoices are paid to (remit-to) or orders are sent to (order-to).</summary>
public sealed class VendorAddress : IAudited
{
    public Guid Id { get; set; }

    public Guid VendorId { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>"remitTo" or "orderTo".</summary>
    public string Kind { get; set; } = "";

    public string Line1 { get; set; } = "";

    public string? Line2 { get; set; }

    public string City { get; set; } = "";

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public string Country { get; set; } = "";
}

public sealed class VendorContact : IAudited
{
    public Guid Id { get; set; }

    public Guid VendorId { get; set; }

    public Guid CompanyId { get; set; }

    public string Name { get; set; } = "";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Role { get; set; }
}

/// <summary>A catalog category the vendor supplies.</summary>
public sealed class VendorCategory
{
    public Guid VendorId { get; set; }

    public Guid CategoryId { get; set; }
}

/// <summary>One approval of a vendor under review, as buyer or as controller (see <see cref="VendorApprovalRule"/>).</summary>
public sealed class VendorSignOffRecord : IAudited
{
    public Guid Id { get; set; }

    public Guid VendorId { get; set; }

    public Guid CompanyId { get; set; }

    public Guid UserId { get; set; }

    public string Capacity { get; set; } = "";

    public string? Comment { get; set; }

    public DateTime SignedAtUtc { get; set; }
}

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> builder)
    {
        builder.ToTable("vendors");
        builder.Property(x => x.Code).HasMaxLength(20);
        builder.Property(x => x.LegalName).HasMaxLength(200);
        builder.Property(x => x.TradingName).HasMaxLength(200);
        builder.Property(x => x.TaxId).HasMaxLength(40);
        builder.Property(x => x.TaxIdKey).HasMaxLength(40);
        builder.Property(x => x.Country).HasMaxLength(2);
        builder.Property(x => x.DefaultCurrency).HasMaxLength(3);
        builder.Property(x => x.Notes).HasMaxLength(4000);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.StatusReason).HasMaxLength(500);
        builder.Property(x => x.BankAccountHolder).HasMaxLength(200);
        builder.Property(x => x.BankIban).HasMaxLength(34);
        builder.Property(x => x.BankBic).HasMaxLength(11);
        builder.Property(x => x.BankAccountNumber).HasMaxLength(17);
        builder.Property(x => x.BankRoutingNumber).HasMaxLength(9);
        builder.Property(x => x.BankMasked).HasMaxLength(60);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.Terms);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.DefaultGlAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Users.User>().WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Users.User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
        builder.HasIndex(x => new { x.CompanyId, x.TaxIdKey });
        builder.HasIndex(x => new { x.CompanyId, x.Status });
        builder.HasMany(x => x.Addresses).WithOne().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Categories).WithOne().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.SignOffs).WithOne().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VendorPartsConfiguration :
    IEntityTypeConfiguration<VendorAddress>, IEntityTypeConfiguration<VendorContact>, IEntityTypeConfiguration<VendorCategory>, IEntityTypeConfiguration<VendorSignOffRecord>
{
    public void Configure(EntityTypeBuilder<VendorAddress> builder)
    {
        builder.ToTable("vendor_addresses");
        builder.Property(x => x.Kind).HasMaxLength(10);
        builder.Property(x => x.Line1).HasMaxLength(200);
        builder.Property(x => x.Line2).HasMaxLength(200);
        builder.Property(x => x.City).HasMaxLength(100);
        builder.Property(x => x.Region).HasMaxLength(100);
        builder.Property(x => x.PostalCode).HasMaxLength(20);
        builder.Property(x => x.Country).HasMaxLength(2);
    }

    public void Configure(EntityTypeBuilder<VendorContact> builder)
    {
        builder.ToTable("vendor_contacts");
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.Property(x => x.Phone).HasMaxLength(40);
        builder.Property(x => x.Role).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<VendorCategory> builder)
    {
        builder.ToTable("vendor_categories");
        builder.HasKey(x => new { x.VendorId, x.CategoryId });
        builder.HasOne<Catalog.Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<VendorSignOffRecord> builder)
    {
        builder.ToTable("vendor_sign_offs");
        builder.Property(x => x.Capacity).HasMaxLength(20);
        builder.Property(x => x.Comment).HasMaxLength(500);
        builder.HasOne<Users.User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
