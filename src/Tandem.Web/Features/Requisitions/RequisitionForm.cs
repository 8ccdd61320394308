using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Requisitions;

/// <summary>The requisition page's form: the API request's fields as strings a browser posts, and back.</summary>
public sealed class RequisitionForm
{
    public string? Title { get; set; }

    public string? Justification { get; set; }

    public Guid? OnBehalfOfId { get; set; }

    public Guid? ShipToLocationId { get; set; }

    public string? Currency { get; set; }

    public int Version { get; set; }

    public List<LineForm> Lines { get; set; } = [];

    public List<SplitForm> Splits { get; set; } = [];

    public RequisitionRequest ToRequest() => new(
        Title, Justification, OnBehalfOfId, ShipToLocationId, Currency,
        [.. Lines.Select(l => l.OfferId is not null
            ? new LineRequest(l.OfferId, null, null, null, l.Quantity, null, null, l.NeedBy, l.GlAccountId, null)
            : new LineRequest(null, l.Description, l.CategoryId, l.VendorId, l.Quantity, l.Unit, l.UnitPrice, l.NeedBy, l.GlAccountId, null))],
        [.. Splits.Where(s => s.DepartmentId is not null || !string.IsNullOrWhiteSpace(s.Percent) || !string.IsNullOrWhiteSpace(s.Amount))
            .Select(s => new SplitRequest(s.DepartmentId, s.LocationId, s.CostCenterId, s.GlAccountId, s.ProjectId, Blank(s.Percent), Blank(s.Amount)))]);

    public static RequisitionForm From(RequisitionResponse r) => new()
    {
        Title = r.Title,
        Justification = r.Justification,
        OnBehalfOfId = r.OnBehalfOf?.Id,
        ShipToLocationId = r.ShipToLocationId,
        Currency = r.Total.Currency,
        Version = r.Version,
        Lines = [.. r.Lines.Select(l => new LineForm
        {
            OfferId = l.OfferId, Description = l.Description, CategoryId = l.CategoryId, VendorId = l.VendorId, Quantity = l.Quantity, Unit = l.Unit,
            UnitPrice = l.UnitPrice, NeedBy = l.NeedBy?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), GlAccountId = l.GlAccountId,
        })],
        Splits = [.. r.Splits.Select(s => new SplitForm
        {
            DepartmentId = s.DepartmentId, LocationId = s.LocationId, CostCenterId = s.CostCenterId, GlAccountId = s.GlAccountId, ProjectId = s.ProjectId,
            Percent = s.Percent, Amount = s.Percent is null ? s.Amount.Amount : null,
        })],
    };

    /// <summary>Shows catalog lines with the item, vendor and price of their offer (the server sets these; the form only displays them).</summary>
    public void DescribeOffers(IReadOnlyDictionary<Guid, OfferLabel> labels)
    {
        foreach (var line in Lines)
        {
            if (line.OfferId is { } id && labels.TryGetValue(id, out var label))
            {
                (line.Description, line.Unit, line.UnitPrice, line.VendorName) = (label.ItemName, label.Unit, label.UnitPrice, label.VendorName);
            }
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class LineForm
{
    public Guid? OfferId { get; set; }

    public string? Description { get; set; }

    public Guid? CategoryId { get; set; }

    public Guid? VendorId { get; set; }

    public string? VendorName { get; set; }

    public string? Quantity { get; set; }

    public string? Unit { get; set; }

    public string? UnitPrice { get; set; }

    public string? NeedBy { get; set; }

    public Guid? GlAccountId { get; set; }
}

public sealed class SplitForm
{
    public Guid? DepartmentId { get; set; }

    public Guid? LocationId { get; set; }

    public Guid? CostCenterId { get; set; }

    public Guid? GlAccountId { get; set; }

    public Guid? ProjectId { get; set; }

    public string? Percent { get; set; }

    public string? Amount { get; set; }
}

/// <summary>What a catalog line shows of its offer.</summary>
public sealed record OfferLabel(string ItemName, string VendorName, string Unit, string UnitPrice, string Currency);

public static class OfferLabels
{
    /// <summary>Item, vendor and price of the offers the caller may buy (anything else stays unlabelled; saving reports it).</summary>
    public static async Task<IReadOnlyDictionary<Guid, OfferLabel>> LoadAsync(TandemDb db, CurrentUser user, IReadOnlyCollection<Guid> offerIds, CancellationToken ct)
    {
        var rows = await db.Offers.AsNoTracking().Where(o => o.CompanyId == user.CompanyId && offerIds.Contains(o.Id))
            .Join(db.Items, o => o.ItemId, i => i.Id, (o, i) => new { o.Id, i.Name, i.Unit, o.VendorId, o.UnitPriceMicros, o.Currency })
            .Join(db.Vendors, x => x.VendorId, v => v.Id, (x, v) => new { x.Id, x.Name, x.Unit, v.LegalName, x.UnitPriceMicros, x.Currency })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new OfferLabel(
            r.Name, r.LegalName, r.Unit, new UnitPrice(r.UnitPriceMicros, Currency.Of(r.Currency)).ToDecimal().ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture), r.Currency));
    }
}

/// <summary>Everything the requisition form offers to choose from.</summary>
public sealed record FormChoices(
    IReadOnlyList<Choice> People, IReadOnlyList<Choice> Locations, IReadOnlyList<Choice> Departments, IReadOnlyList<Choice> CostCenters,
    IReadOnlyList<Choice> Projects, IReadOnlyList<Choice> GlAccounts, IReadOnlyList<Choice> Vendors, IReadOnlyList<Choice> Categories)
{
    public static readonly FormChoices Empty = new([], [], [], [], [], [], [], []);

    public static async Task<FormChoices> LoadAsync(TandemDb db, Guid companyId, CancellationToken ct) => new(
        await Lookups.UsersAsync(db, companyId, ct), await Lookups.LocationsAsync(db, companyId, ct), await Lookups.DepartmentsAsync(db, companyId, ct),
        await Lookups.CostCentersAsync(db, companyId, ct), await Lookups.ProjectsAsync(db, companyId, ct), await Lookups.GlAccountsAsync(db, companyId, ct),
        await Lookups.VendorsAsync(db, companyId, ct), await Lookups.CategoriesAsync(db, companyId, ct));
}
