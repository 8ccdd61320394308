using System.Globalization;
using System.Text.RegularExpressions;
using Tandem.Domain;
using Tandem.Domain.Money;

namespace Tandem.Web.Platform.Api;

/// <summary>
/// Collects field errors for one request so a client sees all of them at once. Field names are the JSON names
/// (camelCase), so a 400 names exactly what to fix.
/// </summary>
public sealed partial class Validator
{
    private readonly List<Error> _errors = [];

    public IReadOnlyList<Error> Errors => _errors;

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string code, string message) => _errors.Add(Error.Validation(code, message, field));

    /// <summary>A required, trimmed string of at most <paramref name="maxLength"/> characters.</summary>
    public string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "required", $"{field} is required.");
            return "";
        }

        return MaxLength(value.Trim(), field, maxLength);
    }

    public string? Optional(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : MaxLength(value.Trim(), field, maxLength);

    /// <summary>Codes: letters, digits, '-', '_', '.', no spaces; upper-cased.</summary>
    public string Code(string? value, string field, int maxLength = 20)
    {
        var code = Required(value, field, maxLength);
        if (code.Length > 0 && !CodePattern().IsMatch(code))
        {
            Add(field, "code_format", $"{field} may contain only letters, digits, '-', '_' and '.'.");
        }

        return code.ToUpperInvariant();
    }

    public Currency Currency(string? value, string field)
    {
        if (Domain.Money.Currency.TryFrom(value, out var currency))
        {
            return currency;
        }

        Add(field, "currency_unknown", $"{field} must be an ISO 4217 currency code such as USD or EUR.");
        return default;
    }

    public Money? Money(MoneyDto? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (!Domain.Money.Currency.TryFrom(value.Currency, out var currency))
        {
            Add($"{field}.currency", "currency_unknown", $"{field}.currency must be an ISO 4217 currency code such as USD or EUR.");
            return null;
        }

        if (!Domain.Money.Money.TryParse(value.Amount, currency, out var money))
        {
            Add($"{field}.amount", "amount_invalid", $"{field}.amount must be a decimal string with at most {currency.MinorDigits} decimals, e.g. \"12.50\".");
            return null;
        }

        return money;
    }

    public void Range(int? value, string field, int min, int max)
    {
        if (value is null || value < min || value > max)
        {
            Add(field, "out_of_range", $"{field} must be between {min} and {max}.");
        }
    }

    public T Enum<T>(string? value, string field)
        where T : struct, Enum
    {
        if (value is not null && System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        Add(field, "invalid_value", $"{field} must be one of: {string.Join(", ", System.Enum.GetNames<T>().Select(JsonNames.Camel))}.");
        return default;
    }

    public TimeZoneInfo? TimeZone(string? value, string field)
    {
        if (value is not null && TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone))
        {
            return zone;
        }

        Add(field, "time_zone_unknown", $"{field} must be an IANA time zone such as Europe/Berlin.");
        return null;
    }

    /// <summary>An optional date written yyyy-MM-dd (forms and CSV files); null when empty.</summary>
    public DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(field, "date_format", $"{field} must be a date as yyyy-MM-dd.");
        return null;
    }

    /// <summary>An optional yes/no written true/false, yes/no, 1/0 or y/n; <paramref name="fallback"/> when empty.</summary>
    public bool Bool(string? text, string field, bool fallback)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return fallback;
            case "true" or "yes" or "1" or "y":
                return true;
            case "false" or "no" or "0" or "n":
                return false;
            default:
                Add(field, "invalid_value", $"{field} must be true or false.");
                return fallback;
        }
    }

    /// <summary>An optional whole number; null when empty.</summary>
    public int? WholeNumber(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Add(field, "number_format", $"{field} must be a whole number.");
        return null;
    }

    /// <summary>An optional decimal with a '.' point; null when empty.</summary>
    public decimal? Number(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Add(field, "number_format", $"{field} must be a number with a '.' decimal point.");
        return null;
    }

    /// <summary>An optional quantity (at most four decimals): null when empty; more than zero unless <paramref name="zeroAllowed"/>.</summary>
    public Quantity? Quantity(string? text, string field, bool zeroAllowed = false)
    {
        if (Number(text, field) is not { } value)
        {
            return null;
        }

        if (Domain.Money.Quantity.TryFromDecimal(value, out var quantity) && (quantity.Units > 0 || (zeroAllowed && quantity.Units == 0)))
        {
            return quantity;
        }

        Add(field, "out_of_range", $"{field} must be {(zeroAllowed ? "zero or more" : "more than zero")} with at most {Domain.Money.Quantity.Decimals} decimals.");
        return null;
    }

    /// <summary>An optional unit price in <paramref name="currency"/> (not negative, at most six decimals): null when empty.</summary>
    public UnitPrice? UnitPrice(string? text, Currency currency, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Domain.Money.UnitPrice.TryParse(text, currency, out var price) && price.Micros >= 0)
        {
            return price;
        }

        Add(field, "invalid_price", $"{field} must be a non-negative price in {currency.Code} with at most {Domain.Money.UnitPrice.Decimals} decimals.");
        return null;
    }

    /// <summary>An optional percentage from 0 to 100 with at most two decimals, as basis points (12.5 % = 1250): null when empty.</summary>
    public int? Percent(string? text, string field)
    {
        if (Number(text, field) is not { } value)
        {
            return null;
        }

        if (value <= 100 && value * 100 == decimal.Truncate(value * 100))
        {
            return (int)(value * 100);
        }

        Add(field, "out_of_range", $"{field} must be a percentage from 0 to 100 with at most 2 decimals.");
        return null;
    }

    public Result<T> ToResult<T>(Func<T> build) => IsValid ? build() : Result<T>.Failure(_errors);

    private string MaxLength(string value, string field, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Add(field, "too_long", $"{field} must be at most {maxLength} characters.");
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex CodePattern();
}
