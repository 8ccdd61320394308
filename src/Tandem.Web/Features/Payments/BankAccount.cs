using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Payments;

/// <summary>One of the company's own bank accounts that payment runs pay from, and the file format its bank takes.</summary>
public sealed class BankAccount : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Name { get; set; } = "";

    public string Currency { get; set; } = "";

    public string AccountHolder { get; set; } = "";

    public string? Iban { get; set; }

    public string? Bic { get; set; }

    public string? AccountNumber { get; set; }

    public string? RoutingNumber { get; set; }

    public string Masked { get; set; } = "";

    /// <summary>The pain.001 version the bank takes: "pain.001.001.09" (ISO 2019) or "pain.001.001.03" (older banks).</summary>
    public string FileFormat { get; set; } = PaymentFiles.Pain001V09;

    public bool Active { get; set; } = true;

    public int Version { get; set; }
}

/// <summary>How a company pays: its cost of capital (which early-payment discounts are worth taking), what a due date on a weekend does, and from which amount a payment run needs a second approver.</summary>
public sealed class PaymentSettings : IAudited, IVersioned
{
    public Guid CompanyId { get; set; }

    Guid IAudited.Id => CompanyId;

    public int CostOfCapitalBasisPoints { get; set; }

    public Domain.Payments.WeekendRule WeekendRule { get; set; }

    /// <summary>A run paying this much or more (company currency) needs two controllers.</summary>
    public long SecondApprovalMinor { get; set; }

    public int Version { get; set; }

    public static PaymentSettings Default(Guid companyId) => new() { CompanyId = companyId, CostOfCapitalBasisPoints = 800, SecondApprovalMinor = 10_000_000 };

    /// <summary>The company's payment settings (or the defaults), read once per unit of work; callers must not change the instance.</summary>
    public static Task<PaymentSettings> ForAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Reads.GetAsync<PaymentSettings, PaymentSettings>(
            companyId, async c => await db.PaymentSettings.AsNoTracking().SingleOrDefaultAsync(s => s.CompanyId == companyId, c) ?? Default(companyId), ct);
    }
}

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>, IEntityTypeConfiguration<PaymentSettings>
{
    public void Configure(EntityTypeBuilder<BankAccount> builder)
    {
        builder.ToTable("bank_accounts");
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.AccountHolder).HasMaxLength(200);
        builder.Property(x => x.Iban).HasMaxLength(34);
        builder.Property(x => x.Bic).HasMaxLength(11);
        builder.Property(x => x.AccountNumber).HasMaxLength(17);
        builder.Property(x => x.RoutingNumber).HasMaxLength(9);
        builder.Property(x => x.Masked).HasMaxLength(60);
        builder.Property(x => x.FileFormat).HasMaxLength(30);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.CompanyId, x.Name }).IsUnique();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PaymentSettings> builder)
    {
        builder.ToTable("payment_settings");
        builder.HasKey(x => x.CompanyId);
        builder.Property(x => x.WeekendRule).HasConversion<string>().HasMaxLength(30);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
