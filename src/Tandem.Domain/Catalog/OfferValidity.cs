namespace Tandem.Domain.Catalog;

/// <summary>The days an offer's price holds: from a date, to an optional last date (inclusive).</summary>
public readonly record struct OfferValidity(DateOnly From, DateOnly? To)
{
    public static Result<OfferValidity> Create(DateOnly from, DateOnly? to) =>
        to is { } last && last < from
            ? Error.Validation("offer.validity", "validTo must not be before validFrom.", "validTo")
            : new OfferValidity(from, to);

    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);

    /// <summary>Two validity periods overlap when each starts before the other ends (open ends run forever).</summary>
    public bool Overlaps(OfferValidity other) =>
        (To is null || other.From <= To) && (other.To is null || From <= other.To);
}
