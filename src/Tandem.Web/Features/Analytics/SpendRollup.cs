using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Budgets;
using Tandem.Web.Features.Organization;

namespace Tandem.Web.Features.Analytics;

/// <summary>What the spend queries read: facts (one per charge, dated by day) and rollups (summed per month) alike.</summary>
public interface ISpendRow
{
    Guid CompanyId { get; }

    ConsumptionKind Kind { get; }

    /// <summary>A fact's day; a rollup's month (its first day).</summary>
    DateOnly Day { get; }

    Guid DepartmentId { get; }

    Guid? LocationId { get; }

    Guid? CostCenterId { get; }

    Guid? GlAccountId { get; }

    Guid? ProjectId { get; }

    Guid? VendorId { get; }

    Guid? CategoryId { get; }

    bool OnPurchaseOrder { get; }

    bool Catalog { get; }

    bool Preferred { get; }

    long AmountMinor { get; }
}

/// <summary>
/// Spend facts summed per company, month, kind and every dimension and flag (ADR 0021): what month-or-longer questions
/// read for months whose rollup is current. A month is rebuilt as a whole from its facts by <see cref="SpendRollups"/>
/// after any change marks it (<see cref="SpendDirtyMonth"/>); until then the queries read that month's facts.
/// </summary>
public sealed class SpendRollup : ISpendRow
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public ConsumptionKind Kind { get; set; }

    public DateOnly Day { get; set; }

    public Guid DepartmentId { get; set; }

    public Guid? LocationId { get; set; }

    public Guid? CostCenterId { get; set; }

    public Guid? GlAccountId { get; set; }

    public Guid? ProjectId { get; set; }

    public Guid? VendorId { get; set; }

    public Guid? CategoryId { get; set; }

    public bool OnPurchaseOrder { get; set; }

    public bool Catalog { get; set; }

    public bool Preferred { get; set; }

    public long AmountMinor { get; set; }

    public int Facts { get; set; }
}

/// <summary>
/// "This month's rollup is out of date": one row per change (never updated, so concurrent changes never wait for each
/// other), written with the facts in the change's transaction, removed by the rebuild that covers it.
/// </summary>
public sealed class SpendDirtyMonth
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public DateOnly Month { get; set; }
}

internal sealed class SpendRollupConfiguration : IEntityTypeConfiguration<SpendRollup>, IEntityTypeConfiguration<SpendDirtyMonth>
{
    public void Configure(EntityTypeBuilder<SpendRollup> builder)
    {
        builder.ToTable("spend_rollups");
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(15);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Day, x.Kind });
    }

    public void Configure(EntityTypeBuilder<SpendDirtyMonth> builder)
    {
        builder.ToTable("spend_dirty_months");
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Month });
    }
}
