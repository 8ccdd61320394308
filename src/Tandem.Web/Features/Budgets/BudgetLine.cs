using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Budgets;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// An amount for a period (month, fiscal quarter or fiscal year) on a combination of dimensions (an empty dimension
/// covers all), in the company currency, with an owner and a control mode. What documents consume of it lives in
/// <see cref="BudgetConsumption"/>; changes of the amount are explained by <see cref="BudgetAdjustment"/> rows.
/// </summary>
public sealed class BudgetLine : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>"Engineering · 6100 Software · 2027-03" unless given: what explanations call the line.</summary>
    public string Name { get; set; } = "";

    public BudgetPeriodKind PeriodKind { get; set; }

    public DateOnly PeriodStart { get; set; }

    public DateOnly PeriodEnd { get; set; }

    public Guid? DepartmentId { get; set; }

    public Guid? LocationId { get; set; }

    public Guid? CostCenterId { get; set; }

    public Guid? GlAccountId { get; set; }

    /// <summary>An account group: every GL account whose code starts with it.</summary>
    public string? GlAccountPrefix { get; set; }

    public Guid? ProjectId { get; set; }

    public string Currency { get; set; } = "";

    public long AmountMinor { get; set; }

    public BudgetControl Control { get; set; }

    public int WarnAtPercent { get; set; } = 90;

    public Guid? OwnerId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }

    public BudgetPeriod Period => new(PeriodKind, PeriodStart, PeriodEnd);

    public BudgetScope Scope => new(DepartmentId, LocationId, CostCenterId, GlAccountId, GlAccountPrefix, ProjectId);
}

/// <summary>
/// What one document consumes of one budget line, and how (pre-committed, committed, actual), summed over its lines. Derived
/// data: each time a document changes state its rows are replaced as a whole, in the same transaction (ADR 0016), so
/// the sums are always what the documents say — nothing is counted twice and a cancellation releases exactly its rows.
/// </summary>
public sealed class BudgetConsumption
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid BudgetLineId { get; set; }

    /// <summary>"requisition", "purchaseOrder" or "invoice" (<see cref="BudgetLedger"/>'s document types).</summary>
    public string DocumentType { get; set; } = "";

    public Guid DocumentId { get; set; }

    public string DocumentNumber { get; set; } = "";

    /// <summary>How many of the document's lines this consumption comes from.</summary>
    public int Lines { get; set; }

    public ConsumptionKind Kind { get; set; }

    public long AmountMinor { get; set; }

    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>Why a budget line's amount changed: a revision, a reallocation to or from another line, or an import.</summary>
public sealed class BudgetAdjustment : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid BudgetLineId { get; set; }

    public string Kind { get; set; } = "";

    public long BeforeMinor { get; set; }

    public long AfterMinor { get; set; }

    /// <summary>The other line of a reallocation.</summary>
    public Guid? CounterpartId { get; set; }

    public string Reason { get; set; } = "";

    public Guid? ById { get; set; }

    public DateTime AtUtc { get; set; }
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> builder)
    {
        builder.ToTable("budget_lines");
        builder.Ignore(x => x.Period);
        builder.Ignore(x => x.Scope);
        builder.Property(x => x.Name).HasMaxLength(300);
        builder.Property(x => x.PeriodKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.GlAccountPrefix).HasMaxLength(20);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Control).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CostCenter>().WithMany().HasForeignKey(x => x.CostCenterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.GlAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.PeriodStart, x.PeriodEnd });
        builder.HasIndex(x => new { x.CompanyId, x.DepartmentId, x.GlAccountId, x.PeriodStart }).HasDatabaseName("ix_budget_lines_dimensions");
    }
}

internal sealed class BudgetConsumptionConfiguration : IEntityTypeConfiguration<BudgetConsumption>
{
    public void Configure(EntityTypeBuilder<BudgetConsumption> builder)
    {
        builder.ToTable("budget_consumptions");
        builder.Property(x => x.DocumentType).HasMaxLength(30);
        builder.Property(x => x.DocumentNumber).HasMaxLength(30);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(15);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BudgetLine>().WithMany().HasForeignKey(x => x.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.BudgetLineId, x.Kind, x.AmountMinor });
        builder.HasIndex(x => new { x.DocumentType, x.DocumentId });
    }
}

internal sealed class BudgetAdjustmentConfiguration : IEntityTypeConfiguration<BudgetAdjustment>
{
    public void Configure(EntityTypeBuilder<BudgetAdjustment> builder)
    {
        builder.ToTable("budget_adjustments");
        builder.Property(x => x.Kind).HasMaxLength(20);
        builder.Property(x => x.Reason).HasMaxLength(1000);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BudgetLine>().WithMany().HasForeignKey(x => x.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BudgetLine>().WithMany().HasForeignKey(x => x.CounterpartId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.BudgetLineId, x.AtUtc });
    }
}
