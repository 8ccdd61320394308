using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Budgets;
using Tandem.Domain.Money;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>A budget line's content once checked: period, dimensions (ids), amount, control, owner.</summary>
public sealed record BudgetDraft(
    BudgetPeriod Period, Guid? DepartmentId, Guid? LocationId, Guid? CostCenterId, Guid? GlAccountId, string? GlAccountPrefix, Guid? ProjectId,
    long AmountMinor, BudgetControl Control, int WarnAtPercent, Guid? OwnerId, string? Name);

/// <summary>
/// What budget input is checked against, loaded once per request or import (a fixed number of queries): the company's
/// currency and fiscal calendar, its dimensions by id and by code, its active people by id and e-mail.
/// </summary>
public sealed class BudgetRefs
{
    public required Currency Currency { get; init; }

    public required int FiscalYearStartMonth { get; init; }

    public required Dimension Departments { get; init; }

    public required Dimension Locations { get; init; }

    public required Dimension CostCenters { get; init; }

    public required Dimension GlAccounts { get; init; }

    public required Dimension Projects { get; init; }

    /// <summary>Active users: e-mail (lower case) → id.</summary>
    public required Dictionary<string, Guid> People { get; init; }

    public static async Task<BudgetRefs> LoadAsync(TandemDb db, Guid companyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var company = await CompanyClock.SettingsAsync(db, companyId, ct);
        return new BudgetRefs
        {
            Currency = Currency.Of(company.BaseCurrency),
            FiscalYearStartMonth = company.FiscalYearStartMonth,
            Departments = new(await db.Departments.AsNoTracking().Where(x => x.CompanyId == companyId && x.IsActive).Select(x => new Entry(x.Id, x.Code, x.Name)).ToListAsync(ct)),
            Locations = new(await db.Locations.AsNoTracking().Where(x => x.CompanyId == companyId && x.IsActive).Select(x => new Entry(x.Id, x.Code, x.Name)).ToListAsync(ct)),
            CostCenters = new(await db.CostCenters.AsNoTracking().Where(x => x.CompanyId == companyId && x.IsActive).Select(x => new Entry(x.Id, x.Code, x.Name)).ToListAsync(ct)),
            GlAccounts = new(await db.GlAccounts.AsNoTracking().Where(x => x.CompanyId == companyId && x.IsActive).Select(x => new Entry(x.Id, x.Code, x.Code + " " + x.Name)).ToListAsync(ct)),
            Projects = new(await db.Projects.AsNoTracking().Where(x => x.CompanyId == companyId && x.IsActive).Select(x => new Entry(x.Id, x.Code, x.Name)).ToListAsync(ct)),
            People = (await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId && u.IsActive).Select(u => new { u.Id, u.Email }).ToListAsync(ct))
                .Where(u => u.Email != null).ToDictionary(u => u.Email!.ToLowerInvariant(), u => u.Id, StringComparer.Ordinal),
        };
    }

    private const string PeriodHint = "period must be a month (2027-03), a fiscal quarter (FY2027-Q1) or a fiscal year (FY2027).";

    public static Error InvalidPeriod() => Error.Validation("invalid_period", PeriodHint, "period");

    /// <summary>A period as written in budgets, in this company's fiscal calendar; the error names the field otherwise.</summary>
    public BudgetPeriod? Period(Validator v, string? text)
    {
        ArgumentNullException.ThrowIfNull(v);
        var period = BudgetPeriod.TryParse(text, FiscalYearStartMonth);
        if (period is null)
        {
            v.Add("period", "invalid_period", PeriodHint);
        }

        return period;
    }

    /// <summary>"Engineering · 6100 Software · 2027-03": the dimensions the line names, then its period.</summary>
    public string NameOf(BudgetDraft d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Name is { Length: > 0 } given)
        {
            return given;
        }

        var parts = new List<string>();
        void Add(Dimension dimension, Guid? id)
        {
            if (id is { } value)
            {
                parts.Add(dimension.LabelOf(value));
            }
        }

        Add(Departments, d.DepartmentId);
        Add(Locations, d.LocationId);
        Add(CostCenters, d.CostCenterId);
        Add(GlAccounts, d.GlAccountId);
        if (d.GlAccountPrefix is { } prefix)
        {
            parts.Add($"GL {prefix}*");
        }

        Add(Projects, d.ProjectId);
        if (parts.Count == 0)
        {
            parts.Add("Company-wide");
        }

        parts.Add(d.Period.Format(FiscalYearStartMonth));
        return string.Join(" · ", parts);
    }

    /// <summary>Checks the parts every budget line has (amount in the company currency, control, warning threshold).</summary>
    public (long Amount, BudgetControl Control, int WarnAtPercent) Terms(Validator v, MoneyDto? amount, string? control, int? warnAtPercent)
    {
        ArgumentNullException.ThrowIfNull(v);
        var money = v.Money(amount, "amount");
        if (amount is null)
        {
            v.Add("amount", "required", "amount is required.");
        }
        else if (money is { } m && (m.IsNegative || m.Currency != Currency))
        {
            v.Add("amount.amount", "invalid_amount", $"amount must be a non-negative amount in the company currency ({Currency.Code}).");
        }

        var mode = control is null ? BudgetControl.Warn : v.Enum<BudgetControl>(control, "control");
        if (warnAtPercent is not null)
        {
            v.Range(warnAtPercent, "warnAtPercent", 1, 100);
        }

        return (money?.Minor ?? 0, mode, warnAtPercent ?? 90);
    }

    public sealed record Entry(Guid Id, string Code, string Name);

    /// <summary>One kind of dimension: labels by id, ids by code.</summary>
    public sealed class Dimension(IReadOnlyList<Entry> entries)
    {
        private readonly Dictionary<Guid, string> _labels = entries.ToDictionary(e => e.Id, e => e.Name);
        private readonly Dictionary<Guid, string> _codesById = entries.ToDictionary(e => e.Id, e => e.Code);
        private readonly Dictionary<string, Guid> _codes = entries.ToDictionary(e => e.Code, e => e.Id, StringComparer.OrdinalIgnoreCase);

        public bool Has(Guid id) => _labels.ContainsKey(id);

        public string LabelOf(Guid id) => _labels.GetValueOrDefault(id, id.ToString());

        public Guid? ByCode(string code) => _codes.TryGetValue(code, out var id) ? id : null;

        /// <summary>The code of an id (empty for none; an inactive record's id is not known here).</summary>
        public string CodeOf(Guid? id) => id is { } value ? _codesById.GetValueOrDefault(value, "") : "";
    }
}

/// <summary>The same period and dimensions twice would count every document twice: refused.</summary>
public static class BudgetDuplicates
{
    public static Task<bool> ExistsAsync(TandemDb db, Guid companyId, BudgetDraft d, Guid? exceptId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(d);
        return db.BudgetLines.AnyAsync(b => b.CompanyId == companyId && b.Id != exceptId && b.PeriodStart == d.Period.Start && b.PeriodEnd == d.Period.End
            && b.DepartmentId == d.DepartmentId && b.LocationId == d.LocationId && b.CostCenterId == d.CostCenterId
            && b.GlAccountId == d.GlAccountId && b.GlAccountPrefix == d.GlAccountPrefix && b.ProjectId == d.ProjectId, ct);
    }
}
