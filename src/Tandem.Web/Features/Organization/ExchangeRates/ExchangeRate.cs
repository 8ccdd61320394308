using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>
/// How many units of the company currency one unit of <see cref="Currency"/> buys from <see cref="ValidFrom"/> on, to
/// 10 decimals (<see cref="RateUnits"/> = rate × 10^10). The latest rate on or before a date applies.
/// </summary>
public sealed class ExchangeRate : IAudited
{
    public const long Scale = 10_000_000_000;

    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Currency { get; set; } = "";

    public DateOnly ValidFrom { get; set; }

    public long RateUnits { get; set; }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> builder)
    {
        builder.ToTable("exchange_rates");
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Currency, x.ValidFrom }).IsUnique();
    }
}
