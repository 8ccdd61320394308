using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>One invoice of a CSV file: the invoice made (and how it matched), or why it was refused.</summary>
public sealed record CsvInvoiceOutcome(int Line, string InvoiceNumber, Guid? InvoiceId, string? Status, IReadOnlyList<ProblemError> Errors);

/// <summary>
/// Invoices from CSV (what a scanning service or another system exports): one row per invoice line —
/// <c>order_number, invoice_number, invoice_date, line_no, quantity, unit_price</c> and optional <c>tax</c> (the invoice's
/// tax is the sum of its rows'). Rows of one order and invoice number make one invoice, entered exactly as by hand
/// (<see cref="CreateInvoice"/>: duplicates refused, matched at once), each on its own: one bad invoice stops no other.
/// </summary>
public static class InvoiceCsv
{
    private static readonly string[] Columns = ["order_number", "invoice_number", "invoice_date", "line_no", "quantity", "unit_price"];

    public static async Task<Domain.Result<List<CsvInvoiceOutcome>>> ImportAsync(TandemDb db, CurrentUser user, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var read = await CsvTable.ReadAsync(content, Columns, CsvLimits.Default with { OptionalColumns = ["tax"] }, ct);
        if (!read.IsSuccess)
        {
            return Domain.Result<List<CsvInvoiceOutcome>>.Failure(read.Errors);
        }

        var table = read.Value;
        var outcomes = new List<CsvInvoiceOutcome>();
        var groups = table.Rows.Select((row, index) => (Row: row, Line: table.LineOf(index)))
            .GroupBy(r => (Order: r.Row["order_number"].Trim(), Number: r.Row["invoice_number"].Trim()));
        foreach (var group in groups)
        {
            var first = group.First();
            var order = await db.PurchaseOrders.AsNoTracking().Where(p => p.CompanyId == user.CompanyId && p.Number == group.Key.Order)
                .Select(p => new { p.Id, Lines = p.Lines.Select(l => new { l.Id, l.LineNo }).ToList() }).SingleOrDefaultAsync(ct);
            if (order is null)
            {
                outcomes.Add(new CsvInvoiceOutcome(first.Line, group.Key.Number, null, null, [new ProblemError("invoice.order_not_found", $"No purchase order {group.Key.Order}.", "order_number")]));
                continue;
            }

            var lines = group.Select(r => new CreateInvoice.LineRequest(
                order.Lines.FirstOrDefault(l => l.LineNo.ToString(System.Globalization.CultureInfo.InvariantCulture) == r.Row["line_no"].Trim())?.Id ?? Guid.Empty,
                r.Row["quantity"], r.Row["unit_price"])).ToList();
            var result = await CreateInvoice.HandleAsync(db, user, new CreateInvoice.Request(order.Id, group.Key.Number, first.Row["invoice_date"], Tax(group.Select(r => r.Row)), lines), ct);
            db.ChangeTracker.Clear();
            var rowLines = group.Select(r => r.Line).ToList();
            outcomes.Add(result.IsSuccess
                ? new CsvInvoiceOutcome(first.Line, group.Key.Number, result.Value.Id, result.Value.Status, [])
                : new CsvInvoiceOutcome(first.Line, group.Key.Number, null, null, [.. result.Errors.Select(e => new ProblemError(e.Code, e.Message, RowField(e.Field, rowLines)))]));
        }

        return outcomes;
    }

    /// <summary>The invoice's tax: the sum of its rows' tax values; a value that is not a number is passed on, so it is reported as entered.</summary>
    private static string? Tax(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var values = rows.Select(r => r.Optional("tax").Trim()).Where(t => t.Length > 0).ToList();
        var parsed = values.Select(t => decimal.TryParse(t, System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null).ToList();
        return values.Count == 0 ? null
            : parsed.Any(p => p is null) ? values[parsed.FindIndex(p => p is null)]
            : parsed.Sum()!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>"lines[2].quantity" of the invoice becomes "line 14: quantity" of the file.</summary>
    private static string? RowField(string? field, List<int> rowLines)
    {
        var match = field is null ? null : System.Text.RegularExpressions.Regex.Match(field, @"^lines\[(\d+)\]\.(\w+)$");
        return match is { Success: true } && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < rowLines.Count
            ? $"line {rowLines[i]}: {match.Groups[2].Value switch { "purchaseOrderLineId" => "line_no", "unitPrice" => "unit_price", var other => other }}"
            : field;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/invoices/import-csv", async (TandemDb db, CurrentUser user, HttpContext http, CancellationToken ct) =>
            {
                if (http.Request.HasFormContentType)
                {
                    var form = await http.Request.ReadFormAsync(ct);
                    if (form.Files.GetFile("file") is not { } file)
                    {
                        return Problems.From(Domain.Error.Validation("required", "Attach the CSV file (field file).", "file"));
                    }

                    await using var stream = file.OpenReadStream();
                    return (await ImportAsync(db, user, stream, ct)).ToOk(http);
                }

                return (await ImportAsync(db, user, http.Request.Body, ct)).ToOk(http);
            })
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .RequireRoles(CreateInvoice.Clerks);
}
