using Tandem.Domain.Money;
using Tandem.Web.Features.Organization;

namespace Tandem.Web.Features.Analytics;

/// <summary>The days a KPI set covers, their UTC bounds (timestamps), today and the company currency.</summary>
public sealed record KpiWindow(Guid CompanyId, DateOnly From, DateOnly To, DateOnly Today, DateTime NowUtc, Currency Currency)
{
    public DateTime StartUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>A document amount in the company currency at the rate its order snapshotted.</summary>
    public long ToCompany(long minor, string currency, long rateUnits) =>
        currency == Currency.Code || rateUnits <= 0 ? minor : Conversion.Convert(new Money(minor, Domain.Money.Currency.Of(currency)), rateUnits, ExchangeRate.Scale, Currency).Minor;

    public Money Money(long minor) => new(minor, Currency);

    /// <summary>Link to the spend documents of this window with extra filters.</summary>
    public string SpendLink(string extra = "") => $"/Analytics/Documents?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}{extra}";
}
