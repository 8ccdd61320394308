using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// A company's review-pack settings: who receives it by e-mail and on which weekday, from which amount a purchase is
/// worth discussing; and when its spend history was last rebuilt from the documents (the backfill after an upgrade).
/// </summary>
public sealed class AnalyticsSettings : IAudited, IVersioned
{
    public Guid CompanyId { get; set; }

    Guid IAudited.Id => CompanyId;

    /// <summary>Purchases (requisitions waiting for approval, open orders due soon) from this amount, company currency.</summary>
    public long ReviewThresholdMinor { get; set; }

    /// <summary>The weekday the pack is e-mailed (company time).</summary>
    public DayOfWeek ReviewWeekday { get; set; }

    /// <summary>How many weeks ahead "expected" purchases reach.</summary>
    public int ReviewWeeksAhead { get; set; }

    /// <summary>An invoice exception older than this many days is past its deadline (a bottleneck in the pack).</summary>
    public int ReviewExceptionDays { get; set; }

    /// <summary>The last day the pack was e-mailed (once per week, whichever instance runs the job).</summary>
    [NotAudited]
    public DateOnly? ReviewSentOn { get; set; }

    /// <summary>When the spend facts were last rebuilt from every document; null until the first rebuild.</summary>
    [NotAudited]
    public DateTime? FactsBuiltAtUtc { get; set; }

    public int Version { get; set; }

    public List<ReviewRecipient> Recipients { get; set; } = [];

    public static AnalyticsSettings Default(Guid companyId) =>
        new() { CompanyId = companyId, ReviewThresholdMinor = 1_000_000, ReviewWeekday = DayOfWeek.Monday, ReviewWeeksAhead = 2, ReviewExceptionDays = 5 };

    public static async Task<AnalyticsSettings> ForAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.AnalyticsSettings.AsNoTracking().Include(s => s.Recipients).SingleOrDefaultAsync(s => s.CompanyId == companyId, ct) ?? Default(companyId);
}

/// <summary>A person who receives the weekly review pack.</summary>
public sealed class ReviewRecipient : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid UserId { get; set; }
}

/// <summary>
/// A saving a buyer records by hand — cost avoidance (a price increase refused, a cheaper alternative found) — with
/// its reason. Kept apart from negotiated savings and captured discounts, which Tandem computes from documents.
/// </summary>
public sealed class SavingsRecord : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>"costAvoidance".</summary>
    public string Kind { get; set; } = "";

    public DateOnly RecordedOn { get; set; }

    /// <summary>Company currency.</summary>
    public long AmountMinor { get; set; }

    public string Reason { get; set; } = "";

    public Guid? VendorId { get; set; }

    public Guid? CategoryId { get; set; }

    /// <summary>The document it concerns, by number (a requisition, order or contract), if any.</summary>
    public string? Reference { get; set; }

    public Guid RecordedById { get; set; }

    public DateTime RecordedAtUtc { get; set; }
}

internal sealed class AnalyticsSettingsConfiguration :
    IEntityTypeConfiguration<AnalyticsSettings>, IEntityTypeConfiguration<ReviewRecipient>, IEntityTypeConfiguration<SavingsRecord>
{
    public void Configure(EntityTypeBuilder<AnalyticsSettings> builder)
    {
        builder.ToTable("analytics_settings");
        builder.HasKey(x => x.CompanyId);
        builder.Property(x => x.ReviewWeekday).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithOne().HasForeignKey<AnalyticsSettings>(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Recipients).WithOne().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReviewRecipient> builder)
    {
        builder.ToTable("review_recipients");
        builder.HasIndex(x => new { x.CompanyId, x.UserId }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.UserId);
    }

    public void Configure(EntityTypeBuilder<SavingsRecord> builder)
    {
        builder.ToTable("savings_records");
        builder.Property(x => x.Kind).HasMaxLength(30);
        builder.Property(x => x.Reason).HasMaxLength(2000);
        builder.Property(x => x.Reference).HasMaxLength(60);
        builder.HasIndex(x => new { x.CompanyId, x.RecordedOn });
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.RecordedById);
        builder.HasOne<Vendors.Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.VendorId);
        builder.HasOne<Catalog.Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.CategoryId);
    }
}
