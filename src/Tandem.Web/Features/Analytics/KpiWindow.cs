using Tandem.Domain.Money;
using Tandem.Web.Features.Organization;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// The days a KPI set covers (company days), their bounds as UTC instants (midnight in the company's time zone, for
/// timestamps), today and the company currency.
/// </summary>
public sealed record KpiWindow(Guid CompanyId, DateOnly From, DateOnly To, DateOnly Today, DateTime NowUtc, Currency Currency, TimeZoneInfo Zone)
{
    public DateTime StartUtc => Midnight(From);

    public DateTime EndUtc => Midnight(To.AddDays(1));

    private DateTime Midnight(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>A document amount in the company currency at the rate its order snapshotted.</summary>
    public long ToCompany(long minor, string currency, long rateUnits) =>
        currency == Currency.Code || rateUnits <= 0 ? minor : Conversion.Convert(new Money(minor, Domain.Money.Currency.Of(currency)), rateUnits, ExchangeRate.Scale, Currency).Minor;

    public Money Money(long minor) => new(minor, Currency);

    /// <summary>Link to the spend documents of this window with extra filters.</summary>
    public string SpendLink(string extra = "") => $"/Analytics/Documents?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}{extra}";
}
