using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Money = Tandem.Domain.Money.Money;

namespace Tandem.Web.Features.Requisitions;

public sealed record SplitRequest(Guid? DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, Guid? ProjectId, string? Percent, string? Amount);

/// <summary>A line: an <see cref="OfferId"/> from the catalog, or free text (description, estimated unit price, category, suggested vendor).</summary>
public sealed record LineRequest(
    Guid? OfferId, string? Description, Guid? CategoryId, Guid? VendorId, string? Quantity, string? Unit, string? UnitPrice, string? NeedBy, Guid? GlAccountId,
    IReadOnlyList<SplitRequest>? Splits);

/// <summary>A requisition as the requester writes it. Header splits apply to every line without splits of its own.</summary>
public sealed record RequisitionRequest(
    string? Title, string? Justification, Guid? OnBehalfOfId, Guid? ShipToLocationId, string? Currency, IReadOnlyList<LineRequest>? Lines, IReadOnlyList<SplitRequest>? Splits);

/// <summary>
/// Checks a requisition request against the company's data and applies it: catalog lines take the offer's vendor, price
/// and unit; GL accounts default from the category, then the vendor; splits must add up exactly (domain allocation).
/// Without any splits the request is charged in full to the requester's department.
/// </summary>
internal static class RequisitionInput
{
    public const int MaxLines = 200;

    public static async Task<Result<Requisition>> ApplyAsync(TandemDb db, CurrentUser user, Requisition target, RequisitionRequest request, CancellationToken ct)
    {
        var v = new Validator();
        var currency = !string.IsNullOrWhiteSpace(request.Currency) ? v.Currency(request.Currency, "currency")
            : target.Currency.Length == 3 ? Currency.Of(target.Currency)
            : await CompanyClock.CurrencyAsync(db, user.CompanyId, ct);
        if (target.ApprovedTotalMinor is not null && target.Currency.Length == 3 && currency.Code != target.Currency && v.IsValid)
        {
            v.Add("currency", "currency_locked", "An approved request keeps its currency.");
        }

        var title = v.Required(request.Title, "title", 200);
        var justification = v.Optional(request.Justification, "justification", 4000);
        var lines = request.Lines ?? [];
        if (lines.Count is 0 or > MaxLines)
        {
            v.Add("lines", "lines_count", $"A requisition has 1 to {MaxLines} lines.");
        }

        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var refs = await References.LoadAsync(db, user, request, today, ct);
        if (request.OnBehalfOfId is { } behalf && !refs.Users.Contains(behalf))
        {
            v.Add("onBehalfOfId", "not_found", "onBehalfOfId is not an active user of this company.");
        }

        if (request.ShipToLocationId is { } shipTo && !refs.Locations.Contains(shipTo))
        {
            v.Add("shipToLocationId", "not_found", "shipToLocationId is not an active location.");
        }

        var built = new List<(RequisitionLine Line, IReadOnlyList<SplitRequest>? Splits)>();
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            built.Add((BuildLine(v, refs, lines[i], currency, $"lines[{i}]", i + 1), lines[i].Splits));
        }

        var total = Money.Zero(currency);
        foreach (var (line, _) in built)
        {
            total += new Money(line.AmountMinor, currency);
        }

        var headerSplits = request.Splits is { Count: > 0 } given ? given
            : built.Any(b => b.Splits is not { Count: > 0 }) && refs.RequesterDepartment is { } home ? [new SplitRequest(home, null, null, null, null, "100", null)]
            : [];
        var splits = new List<RequisitionSplit>();
        CheckSplits(v, refs, headerSplits, total, null, "splits", splits);
        foreach (var (line, lineSplits) in built.Where(b => b.Splits is { Count: > 0 }))
        {
            CheckSplits(v, refs, lineSplits!, new Money(line.AmountMinor, currency), line.Id, $"lines[{line.LineNo - 1}].splits", splits);
        }

        if (!v.IsValid)
        {
            return Result<Requisition>.Failure(v.Errors);
        }

        target.Title = title;
        target.Justification = justification;
        target.OnBehalfOfId = request.OnBehalfOfId;
        target.ShipToLocationId = request.ShipToLocationId;
        target.Currency = currency.Code;
        target.TotalMinor = total.Minor;
        db.RemoveRange(target.Splits);
        db.RemoveRange(target.Lines);
        target.Lines = [.. built.Select(b => b.Line)];
        target.Splits = splits;
        foreach (var line in target.Lines)
        {
            line.RequisitionId = target.Id;
        }

        foreach (var split in splits)
        {
            split.RequisitionId = target.Id;
        }

        return target;
    }

    private static RequisitionLine BuildLine(Validator v, References refs, LineRequest request, Currency currency, string at, int lineNo)
    {
        var line = new RequisitionLine { Id = Ids.New(), LineNo = lineNo };
        var quantity = v.Quantity(request.Quantity, $"{at}.quantity");
        if (string.IsNullOrWhiteSpace(request.Quantity))
        {
            v.Add($"{at}.quantity", "required", "quantity is required.");
        }

        line.QuantityUnits = quantity?.Units ?? 0;
        var needBy = string.IsNullOrWhiteSpace(request.NeedBy) ? null : v.Date(request.NeedBy, $"{at}.needBy");
        line.NeedBy = needBy;
        UnitPrice price = default;
        if (request.OfferId is { } offerId)
        {
            if (!refs.Offers.TryGetValue(offerId, out var offer))
            {
                v.Add($"{at}.offerId", "not_found", "offerId is not a valid offer of an item in a catalog you can use.");
                return line;
            }

            if (offer.Currency != currency.Code)
            {
                v.Add($"{at}.offerId", "currency_mismatch", $"The offer is priced in {offer.Currency}; the requisition is in {currency.Code}.");
                return line;
            }

            line.OfferId = offerId;
            line.ItemId = offer.ItemId;
            line.VendorId = offer.VendorId;
            line.CategoryId = offer.CategoryId;
            line.Unit = offer.Unit;
            line.Description = string.IsNullOrWhiteSpace(request.Description) ? offer.ItemName : v.Required(request.Description, $"{at}.description", 1000);
            price = new UnitPrice(offer.UnitPriceMicros, currency);
        }
        else
        {
            line.Description = v.Required(request.Description, $"{at}.description", 1000);
            line.Unit = string.IsNullOrWhiteSpace(request.Unit) ? "each" : v.Required(request.Unit, $"{at}.unit", 20);
            price = v.UnitPrice(request.UnitPrice, currency, $"{at}.unitPrice") ?? new UnitPrice(0, currency);
            if (string.IsNullOrWhiteSpace(request.UnitPrice))
            {
                v.Add($"{at}.unitPrice", "required", "unitPrice is required for a line outside the catalog.");
            }

            line.CategoryId = Known(v, request.CategoryId, refs.Categories.ContainsKey, $"{at}.categoryId");
            line.VendorId = Known(v, request.VendorId, refs.Vendors.ContainsKey, $"{at}.vendorId");
        }

        line.UnitPriceMicros = price.Micros;
        line.AmountMinor = v.IsValid ? LineAmount.Of(new Quantity(line.QuantityUnits), price).Minor : 0;
        line.GlAccountId = Known(v, request.GlAccountId, refs.GlAccounts.Contains, $"{at}.glAccountId")
            ?? (line.CategoryId is { } c && refs.Categories.TryGetValue(c, out var categoryGl) ? categoryGl : null)
            ?? (line.VendorId is { } vendor && refs.Vendors.TryGetValue(vendor, out var vendorGl) ? vendorGl : null);
        return line;
    }

    private static void CheckSplits(Validator v, References refs, IReadOnlyList<SplitRequest> given, Money total, Guid? lineId, string at, List<RequisitionSplit> into)
    {
        if (given.Count == 0)
        {
            return;
        }

        if (given.Count > 50)
        {
            v.Add(at, "too_many", "At most 50 splits.");
            return;
        }

        var byPercent = given.All(s => !string.IsNullOrWhiteSpace(s.Percent) && string.IsNullOrWhiteSpace(s.Amount));
        var byAmount = given.All(s => string.IsNullOrWhiteSpace(s.Percent) && !string.IsNullOrWhiteSpace(s.Amount));
        if (!byPercent && !byAmount)
        {
            v.Add(at, "split_kind", "Give every split a percent, or every split an amount (not both, not a mix).");
            return;
        }

        var percents = new List<decimal>();
        var amounts = new List<Money>();
        for (var i = 0; i < given.Count; i++)
        {
            var s = given[i];
            var path = $"{at}[{i}]";
            if (s.DepartmentId is not { } department || !refs.Departments.Contains(department))
            {
                v.Add($"{path}.departmentId", "not_found", "departmentId must be an active department.");
            }

            Known(v, s.LocationId, refs.Locations.Contains, $"{path}.locationId");
            Known(v, s.CostCenterId, refs.CostCenters.Contains, $"{path}.costCenterId");
            Known(v, s.GlAccountId, refs.GlAccounts.Contains, $"{path}.glAccountId");
            Known(v, s.ProjectId, refs.Projects.Contains, $"{path}.projectId");
            if (byPercent)
            {
                percents.Add(v.Number(s.Percent, $"{path}.percent") ?? -1);
            }
            else if (Money.TryParse(s.Amount, total.Currency, out var amount) && !amount.IsNegative)
            {
                amounts.Add(amount);
            }
            else
            {
                v.Add($"{path}.amount", "invalid_amount", $"amount must be a non-negative amount in {total.Currency.Code}.");
            }
        }

        if (!v.IsValid)
        {
            return;
        }

        var check = byPercent ? Allocation.ByPercentages(total, percents) : Allocation.ByAmounts(total, amounts);
        if (!check.IsSuccess)
        {
            var error = check.FirstError;
            v.Add(error.Field is { } f && f.StartsWith("splits", StringComparison.Ordinal) ? at + f["splits".Length..] : at, error.Code, error.Message);
            return;
        }

        into.AddRange(given.Select((s, i) => new RequisitionSplit
        {
            Id = Ids.New(),
            LineId = lineId,
            Position = i + 1,
            DepartmentId = s.DepartmentId!.Value,
            LocationId = s.LocationId,
            CostCenterId = s.CostCenterId,
            GlAccountId = s.GlAccountId,
            ProjectId = s.ProjectId,
            PercentUnits = byPercent ? (long)(percents[i] * 10_000) : null,
            AmountMinor = byPercent ? null : amounts[i].Minor,
        }));
    }

    private static Guid? Known(Validator v, Guid? id, Func<Guid, bool> exists, string field)
    {
        if (id is { } value && !exists(value))
        {
            v.Add(field, "not_found", $"{field} does not name an active record of this company.");
            return null;
        }

        return id;
    }

    /// <summary>
    /// What the request points at that exists (active, in this company), loaded in two queries whatever its size: the
    /// catalog offers, then every other id it names in one query (a union), with the GL account defaults of its
    /// categories and vendors and the department the requester manages (the default split when no scope names one).
    /// </summary>
    private sealed record References(
        HashSet<Guid> Users, HashSet<Guid> Departments, HashSet<Guid> Locations, HashSet<Guid> CostCenters, HashSet<Guid> Projects, HashSet<Guid> GlAccounts,
        Dictionary<Guid, Guid?> Categories, Dictionary<Guid, Guid?> Vendors, Dictionary<Guid, OfferRef> Offers, Guid? RequesterDepartment)
    {
        private enum Kind
        {
            User,
            Department,
            ManagedDepartment,
            Location,
            CostCenter,
            Project,
            GlAccount,
            Category,
            Vendor,
        }

        public static async Task<References> LoadAsync(TandemDb db, CurrentUser user, RequisitionRequest request, DateOnly today, CancellationToken ct)
        {
            var company = user.CompanyId;
            var lines = request.Lines ?? [];
            var offerIds = lines.Where(l => l.OfferId is not null).Select(l => l.OfferId!.Value).Distinct().Take(MaxLines).ToList();
            var visible = CatalogVisibility.VisibleItems(db, user);
            var offers = await db.Offers.AsNoTracking()
                .Where(o => offerIds.Contains(o.Id) && o.ValidFrom <= today && (o.ValidTo == null || o.ValidTo >= today))
                .Join(visible.Where(i => i.IsActive), o => o.ItemId, i => i.Id, (o, i) => new OfferRef(o.Id, o.ItemId, i.Name, i.Unit, i.CategoryId, o.VendorId, o.Currency, o.UnitPriceMicros))
                .ToDictionaryAsync(o => o.Id, ct);

            var splits = (request.Splits ?? []).Concat(lines.SelectMany(l => l.Splits ?? [])).ToList();
            List<Guid> Ids(IEnumerable<Guid?> ids) => [.. ids.OfType<Guid>().Distinct()];
            var userIds = Ids([request.OnBehalfOfId]);
            var departmentIds = Ids(splits.Select(s => s.DepartmentId).Concat(user.Scopes.Select(s => s.DepartmentId)));
            var locationIds = Ids(splits.Select(s => s.LocationId).Append(request.ShipToLocationId));
            var costCenterIds = Ids(splits.Select(s => s.CostCenterId));
            var projectIds = Ids(splits.Select(s => s.ProjectId));
            var glAccountIds = Ids(splits.Select(s => s.GlAccountId).Concat(lines.Select(l => l.GlAccountId)));
            var categoryIds = Ids(lines.Select(l => l.CategoryId).Concat(offers.Values.Select(o => (Guid?)o.CategoryId)));
            var vendorIds = Ids(lines.Select(l => l.VendorId).Concat(offers.Values.Select(o => (Guid?)o.VendorId)));
            var me = user.UserId;
            var found = await db.Users.Where(u => u.CompanyId == company && u.IsActive && userIds.Contains(u.Id)).Select(u => new { Kind = Kind.User, u.Id, Gl = (Guid?)null })
                .Concat(db.Departments.Where(d => d.CompanyId == company && d.IsActive && (departmentIds.Contains(d.Id) || d.ManagerId == me)).Select(d => new { Kind = Kind.Department, d.Id, Gl = (Guid?)null }))
                .Concat(db.Departments.Where(d => d.CompanyId == company && d.ManagerId == me).Select(d => new { Kind = Kind.ManagedDepartment, d.Id, Gl = (Guid?)null }))
                .Concat(db.Locations.Where(d => d.CompanyId == company && d.IsActive && locationIds.Contains(d.Id)).Select(d => new { Kind = Kind.Location, d.Id, Gl = (Guid?)null }))
                .Concat(db.CostCenters.Where(d => d.CompanyId == company && d.IsActive && costCenterIds.Contains(d.Id)).Select(d => new { Kind = Kind.CostCenter, d.Id, Gl = (Guid?)null }))
                .Concat(db.Projects.Where(d => d.CompanyId == company && d.IsActive && projectIds.Contains(d.Id)).Select(d => new { Kind = Kind.Project, d.Id, Gl = (Guid?)null }))
                .Concat(db.GlAccounts.Where(d => d.CompanyId == company && d.IsActive && glAccountIds.Contains(d.Id)).Select(d => new { Kind = Kind.GlAccount, d.Id, Gl = (Guid?)null }))
                .Concat(db.Categories.Where(c => c.CompanyId == company && c.IsActive && categoryIds.Contains(c.Id)).Select(c => new { Kind = Kind.Category, c.Id, Gl = c.DefaultGlAccountId }))
                .Concat(db.Vendors.Where(x => x.CompanyId == company && vendorIds.Contains(x.Id)).Select(x => new { Kind = Kind.Vendor, x.Id, Gl = x.DefaultGlAccountId }))
                .ToListAsync(ct);
            HashSet<Guid> Of(Kind kind) => [.. found.Where(f => f.Kind == kind).Select(f => f.Id)];
            Dictionary<Guid, Guid?> GlOf(Kind kind) => found.Where(f => f.Kind == kind).ToDictionary(f => f.Id, f => f.Gl);
            return new References(
                Of(Kind.User), Of(Kind.Department), Of(Kind.Location), Of(Kind.CostCenter), Of(Kind.Project), Of(Kind.GlAccount), GlOf(Kind.Category), GlOf(Kind.Vendor),
                offers,
                user.Scopes.Where(s => s.Role == Role.Requester && s.DepartmentId is not null).Select(s => s.DepartmentId).FirstOrDefault()
                    ?? user.Scopes.Where(s => s.DepartmentId is not null).Select(s => s.DepartmentId).FirstOrDefault()
                    ?? found.Where(f => f.Kind == Kind.ManagedDepartment).Select(f => (Guid?)f.Id).FirstOrDefault());
        }
    }

    private sealed record OfferRef(Guid Id, Guid ItemId, string ItemName, string Unit, Guid CategoryId, Guid VendorId, string Currency, long UnitPriceMicros);
}
