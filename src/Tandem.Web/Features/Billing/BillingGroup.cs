using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Billing;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Billing;

public enum BillingScope
{
    Company,
    Location,
    Department,
    CostCenter,
}

/// <summary>Who gets one bill a week or a month for everything invoiced to them: the whole company, a location, a department or a cost center.</summary>
public sealed class BillingGroup : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Name { get; set; } = "";

    public BillingScope Scope { get; set; }

    /// <summary>The location, department or cost center (null for the company).</summary>
    public Guid? ScopeId { get; set; }

    public BillingCycle Cycle { get; set; }

    /// <summary>Approves the group's bills.</summary>
    public Guid OwnerId { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }
}

public enum BillStatus
{
    Draft,
    Approved,
}

/// <summary>One bill of a group for one cycle: its invoices (each on one bill, ever) and totals in the company currency.</summary>
public sealed class ConsolidatedBill : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid GroupId { get; set; }

    public string Number { get; set; } = "";

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public BillStatus Status { get; set; }

    public int InvoiceCount { get; set; }

    public long NetMinor { get; set; }

    public long TaxMinor { get; set; }

    /// <summary>SHA-256 of the bill's CSV when built: the same inputs give the same hash.</summary>
    public string ContentHash { get; set; } = "";

    public DateTime BuiltAtUtc { get; set; }

    public Guid? ApprovedById { get; set; }

    public DateTime? ApprovedAtUtc { get; set; }

    public int Version { get; set; }
}

public sealed class ConsolidatedBillItem
{
    public Guid Id { get; set; }

    public Guid BillId { get; set; }

    public Guid InvoiceId { get; set; }
}

internal sealed class BillingConfiguration :
    IEntityTypeConfiguration<BillingGroup>, IEntityTypeConfiguration<ConsolidatedBill>, IEntityTypeConfiguration<ConsolidatedBillItem>
{
    public void Configure(EntityTypeBuilder<BillingGroup> builder)
    {
        builder.ToTable("billing_groups");
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Scope).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Cycle).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.CompanyId, x.Name }).IsUnique();
        builder.HasIndex(x => x.OwnerId);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ConsolidatedBill> builder)
    {
        builder.ToTable("consolidated_bills");
        builder.Property(x => x.Number).HasMaxLength(30);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.ContentHash).HasMaxLength(64);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        builder.HasIndex(x => new { x.GroupId, x.PeriodFrom }).IsUnique();
        builder.HasIndex(x => x.ApprovedById);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BillingGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.ApprovedById).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ConsolidatedBillItem> builder)
    {
        builder.ToTable("consolidated_bill_items");
        builder.HasIndex(x => x.InvoiceId).IsUnique();
        builder.HasIndex(x => x.BillId);
        builder.HasOne<ConsolidatedBill>().WithMany().HasForeignKey(x => x.BillId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
