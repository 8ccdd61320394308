using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Analytics;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>The dimensions spend is grouped and filtered by (columns of <see cref="SpendFact"/>).</summary>
public enum SpendDimension
{
    Department,
    Location,
    CostCenter,
    GlAccount,
    Project,
    Vendor,
    Category,
}

/// <summary>
/// A spend question's window and filters, read from the query string (<c>from</c>, <c>to</c>, <c>period</c>, and one
/// optional id per dimension: <c>department</c>, <c>location</c>, <c>costCenter</c>, <c>glAccount</c>, <c>project</c>,
/// <c>vendor</c>, <c>category</c>), with every mistake named by its field. The default window is the 12 months up to today.
/// </summary>
public sealed record SpendFilter(DateOnly From, DateOnly To, PeriodUnit Period, IReadOnlyDictionary<SpendDimension, Guid> Only)
{
    public static readonly string[] Readers = [Domain.Organization.Role.Buyer, Domain.Organization.Role.Controller, Domain.Organization.Role.ApClerk, Domain.Organization.Role.Approver, Domain.Organization.Role.Admin];

    public static string Name(SpendDimension d) => JsonNames.Camel(d.ToString());

    public static async Task<(SpendFilter? Filter, Validator Errors)> ReadAsync(TandemDb db, CurrentUser user, IQueryCollection query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var v = new Validator();
        var today = await CompanyClock.TodayAsync(db, user.CompanyId, ct);
        var to = v.Date(query["to"], "to") ?? today;
        var from = v.Date(query["from"], "from") ?? new DateOnly(to.Year, to.Month, 1).AddMonths(-11);
        if (to < from)
        {
            v.Add("to", "before_from", "to must not be before from.");
        }
        else if (to.DayNumber - from.DayNumber > 3 * 366)
        {
            v.Add("to", "too_long", "A spend window may span at most three years.");
        }

        var period = string.IsNullOrEmpty(query["period"]) ? PeriodUnit.Month : v.Enum<PeriodUnit>(query["period"], "period");
        var only = new Dictionary<SpendDimension, Guid>();
        foreach (var d in Enum.GetValues<SpendDimension>())
        {
            var text = query[Name(d)].ToString();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (Guid.TryParse(text, out var id))
            {
                only[d] = id;
            }
            else
            {
                v.Add(Name(d), "invalid_id", $"{Name(d)} must be the id of a {Name(d)}.");
            }
        }

        return (v.IsValid ? new SpendFilter(from, to, period, only) : null, v);
    }

    /// <summary>The company's facts or rollups in [from, to] (default: the filter's window) that pass the filters; pre-commitments are left out.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> rows, Guid companyId, DateOnly? from = null, DateOnly? to = null)
        where T : class, ISpendRow
    {
        ArgumentNullException.ThrowIfNull(rows);
        var start = from ?? From;
        var end = to ?? To;
        var q = rows.Where(f => f.CompanyId == companyId && f.Kind != Domain.Budgets.ConsumptionKind.PreCommitted && f.Day >= start && f.Day <= end);
        foreach (var (dimension, id) in Only)
        {
            var f = Expression.Parameter(typeof(T), "f");
            var column = Expression.Property(f, dimension.ToString() + "Id");
            q = q.Where(Expression.Lambda<Func<T, bool>>(Expression.Equal(column, Expression.Constant(id, column.Type)), f));
        }

        return q;
    }

    /// <summary>f => (Guid?)f.&lt;dimension&gt;Id.</summary>
    public static Expression Column(SpendDimension dimension, ParameterExpression row)
    {
        Expression column = Expression.Property(row, dimension.ToString() + "Id");
        return column.Type == typeof(Guid?) ? column : Expression.Convert(column, typeof(Guid?));
    }

    /// <summary>Display names for the ids of one dimension (only those asked for; one query).</summary>
    public static async Task<Dictionary<Guid, string>> LabelsAsync(TandemDb db, SpendDimension dimension, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ids.Count == 0)
        {
            return [];
        }

        return dimension switch
        {
            SpendDimension.Department => await db.Departments.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct),
            SpendDimension.Location => await db.Locations.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct),
            SpendDimension.CostCenter => await db.CostCenters.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Code + " " + x.Name, ct),
            SpendDimension.GlAccount => await db.GlAccounts.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Code + " " + x.Name, ct),
            SpendDimension.Project => await db.Projects.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Code + " " + x.Name, ct),
            SpendDimension.Vendor => await db.Vendors.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.TradingName ?? x.LegalName, ct),
            SpendDimension.Category => await db.Categories.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };
    }

    /// <summary>The query string of this filter (links to drill-downs and CSV exports).</summary>
    public string Query(string? by = null)
    {
        var parts = new List<string> { $"from={From:yyyy-MM-dd}", $"to={To:yyyy-MM-dd}", $"period={JsonNames.Camel(Period.ToString())}" };
        parts.AddRange(Only.Select(o => $"{Name(o.Key)}={o.Value}"));
        if (by is not null)
        {
            parts.Add($"by={by}");
        }

        return string.Join('&', parts);
    }
}
