using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Vendors;

public enum BankChangeStatus
{
    Pending,
    Approved,
    Rejected,
    Superseded,
}

/// <summary>
/// Proposed new bank details for a vendor. They take effect only when a controller other than the proposer approves;
/// until then payments use the vendor's current, verified account. Account numbers are never written to the audit trail.
/// </summary>
public sealed class BankChangeRequest : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid VendorId { get; set; }

    [NotAudited]
    public string AccountHolder { get; set; } = "";

    [NotAudited]
    public string? Iban { get; set; }

    [NotAudited]
    public string? Bic { get; set; }

    [NotAudited]
    public string? AccountNumber { get; set; }

    [NotAudited]
    public string? RoutingNumber { get; set; }

    public string Masked { get; set; } = "";

    public string Reason { get; set; } = "";

    public BankChangeStatus Status { get; set; }

    public Guid RequestedById { get; set; }

    public DateTime RequestedAtUtc { get; set; }

    public Guid? DecidedById { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    public string? DecisionNote { get; set; }

    public int Version { get; set; }
}

internal sealed class BankChangeRequestConfiguration : IEntityTypeConfiguration<BankChangeRequest>
{
    public void Configure(EntityTypeBuilder<BankChangeRequest> builder)
    {
        builder.ToTable("vendor_bank_changes");
        builder.Property(x => x.AccountHolder).HasMaxLength(200);
        builder.Property(x => x.Iban).HasMaxLength(34);
        builder.Property(x => x.Bic).HasMaxLength(11);
        builder.Property(x => x.AccountNumber).HasMaxLength(17);
        builder.Property(x => x.RoutingNumber).HasMaxLength(9);
        builder.Property(x => x.Masked).HasMaxLength(60);
        builder.Property(x => x.Reason).HasMaxLength(500);
        builder.Property(x => x.DecisionNote).HasMaxLength(500);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Users.User>().WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.VendorId, x.Status });
    }
}
