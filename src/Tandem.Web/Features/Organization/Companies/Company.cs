using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>A legal entity that buys: its base currency, time zone (which turns "now" into "today") and fiscal year start.</summary>
public sealed class Company : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string BaseCurrency { get; set; } = "USD";

    public string TimeZone { get; set; } = "UTC";

    public int FiscalYearStartMonth { get; set; } = 1;

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("companies");
        builder.Property(x => x.Code).HasMaxLength(20);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.BaseCurrency).HasMaxLength(3);
        builder.Property(x => x.TimeZone).HasMaxLength(64);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.Code).IsUnique();
    }
}
