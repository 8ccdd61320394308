using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Analytics;

/// <summary>
/// The spend dashboard: spend over time stacked by a dimension, top vendors and categories, budget vs actual and the
/// matching funnel — each chart with its table and CSV — from the same handlers as the API, with the API's filters.
/// </summary>
[Authorize(Roles = $"{Role.Buyer},{Role.Controller},{Role.ApClerk},{Role.Approver},{Role.Admin}")]
public sealed class SpendModel(TandemDb db) : TandemPage
{
    public const int Stacked = 5;

    public SpendAnalysis.Response? Spend { get; private set; }

    public SpendAnalysis.Response? Vendors { get; private set; }

    public SpendAnalysis.Response? Categories { get; private set; }

    public BudgetReport.Report? Budget { get; private set; }

    public IReadOnlyList<MatchingFunnel.Stage> Funnel { get; private set; } = [];

    public IReadOnlyList<Choice> Departments { get; private set; } = [];

    public IReadOnlyList<Choice> CategoryChoices { get; private set; } = [];

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        var spend = await SpendAnalysis.GetAsync(db, Me, Request.Query, Ct);
        Departments = await Lookups.DepartmentsAsync(db, Me.CompanyId, Ct);
        CategoryChoices = await Lookups.CategoriesAsync(db, Me.CompanyId, Ct);
        if (!Succeeded(spend))
        {
            return;
        }

        Spend = spend.Value;
        Vendors = (await SpendAnalysis.GetAsync(db, Me, With("vendor"), Ct)).Value;
        Categories = (await SpendAnalysis.GetAsync(db, Me, With("category"), Ct)).Value;
        var budget = await BudgetReport.BuildAsync(db, Me, "department", null, Ct);
        Budget = budget.IsSuccess ? budget.Value : null;
        Funnel = await MatchingFunnel.GetAsync(db, Me.CompanyId, Spend.From, Spend.To, Ct);
    }

    /// <summary>One table of the page as CSV: spend, vendors, categories, budget or funnel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table)
    {
        await OnGetAsync();
        if (Spend is null)
        {
            return BadRequest();
        }

        var csv = table switch
        {
            "vendors" => SpendAnalysis.Csv(Vendors!),
            "categories" => SpendAnalysis.Csv(Categories!),
            "budget" => BudgetCsv(),
            "funnel" => new StringBuilder(CsvTable.Line("stage", "invoices")).AppendJoin("", Funnel.Select(s => CsvTable.Line(s.Label, s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToString(),
            _ => SpendAnalysis.Csv(Spend),
        };
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"spend-{table}-{Spend.From:yyyy-MM-dd}-{Spend.To:yyyy-MM-dd}.csv");
    }

    /// <summary>The stacked chart: the largest groups by actual spend, the rest as one "Other" series.</summary>
    public IReadOnlyList<SvgCharts.Series> StackedSeries()
    {
        var rows = Spend!.Rows;
        var series = rows.Take(Stacked).Select(r => new SvgCharts.Series(Label(r), [.. r.Actual.Select(Major)])).ToList();
        if (rows.Count > Stacked)
        {
            var rest = rows.Skip(Stacked).ToList();
            series.Add(new SvgCharts.Series("Other", [.. Spend.Periods.Select((_, i) => rest.Sum(r => Major(r.Actual[i])))]));
        }

        return series;
    }

    public static string Label(SpendAnalysis.Row row) => string.Join(" / ", row.Keys.Select(k => k.Label));

    public decimal Major(long minor) => new Domain.Money.Money(minor, Domain.Money.Currency.Of(Spend!.Currency)).ToMajor();

    public string Money(long minor) => new Domain.Money.Money(minor, Domain.Money.Currency.Of(Spend!.Currency)).ToAmountString();

    /// <summary>The page's own query with another grouping and the top ten.</summary>
    private QueryCollection With(string by)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => q.Value);
        query["by"] = by;
        query["top"] = "10";
        return new QueryCollection(query);
    }

    public string CsvLink(string table)
    {
        var query = Request.Query.Where(q => q.Key != "handler" && q.Key != "table").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}");
        return $"/Analytics/Spend?handler=Csv&table={table}&" + string.Join('&', query);
    }

    private string BudgetCsv()
    {
        var csv = new StringBuilder(CsvTable.Line("department", "budget", "committed", "actual", "forecast", "currency"));
        foreach (var r in Budget?.Rows ?? [])
        {
            csv.Append(CsvTable.Line(r.Label, r.Amount.Amount, r.Committed.Amount, r.Actual.Amount, r.Forecast.Amount, r.Amount.Currency));
        }

        return csv.ToString();
    }

    public static string Query(IQueryCollection query, string key) => query.TryGetValue(key, out var value) ? value.ToString() : "";
}
