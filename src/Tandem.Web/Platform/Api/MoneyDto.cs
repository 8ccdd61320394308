using Tandem.Domain.Money;

namespace Tandem.Web.Platform.Api;

/// <summary>Money on the wire: a decimal string (never a float) and an ISO 4217 code: {"amount":"1234.50","currency":"USD"}.</summary>
public sealed record MoneyDto(string? Amount, string? Currency)
{
    public static MoneyDto From(Money money) => new(money.ToAmountString(), money.Currency.Code);

    public static MoneyDto? From(long? minor, string? currency) =>
        minor is null || currency is null ? null : From(new Money(minor.Value, Domain.Money.Currency.Of(currency)));
}
