using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Invoices;

/// <summary>
/// One invoice beside its order: per line what was ordered, received and billed, the match and its explanation; the
/// resolution of an exception. A non-PO invoice shows its department and approval route instead, and its approvers
/// (who may read it whatever their role) approve or reject it here.
/// </summary>
[Authorize]
public sealed class DetailModel(TandemDb db) : TandemPage
{
    public InvoiceResponse Invoice { get; private set; } = null!;

    /// <summary>The order it bills; null for a non-PO invoice.</summary>
    public PurchaseOrderResponse? Order { get; private set; }

    public string VendorName { get; private set; } = "";

    public string? DepartmentName { get; private set; }

    /// <summary>The caller may resolve exceptions (accounts payable), not only read or approve.</summary>
    public bool IsClerk => Me.HasAnyRole(CreateInvoice.Clerks);

    /// <summary>The caller (or their delegator) is an undecided approver of the pending step.</summary>
    public bool CanDecide { get; private set; }

    /// <summary>The invoice came as a file (UBL): its original is downloadable.</summary>
    public bool HasOriginal { get; private set; }

    public bool CanAccept => Invoice.Status == "exception" && Me.HasAnyRole(ResolveInvoice.Accepters) && (Invoice.Approval is null || Invoice.Approval.ApprovedAtUtc is not null);

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Notice = TempData["Notice"] as string;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, string? reason) =>
        ActAsync(db, () => ResolveInvoice.AcceptAsync(db, Me, id, new ResolveInvoice.Request(reason), Ct), _ => "Variance accepted; the invoice is ready to pay.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostApproveAsync(Guid id, string? comment) =>
        ActAsync(db, () => NonPoApproval.DecideAsync(db, Me, id, new NonPoApproval.Request("approve", comment), Ct), i => $"Approved; the invoice is {i.Status}.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostDeclineAsync(Guid id, string? comment) =>
        ActAsync(db, () => NonPoApproval.DecideAsync(db, Me, id, new NonPoApproval.Request("reject", comment), Ct), _ => "Invoice rejected.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason) =>
        ActAsync(db, () => ResolveInvoice.RejectAsync(db, Me, id, new ResolveInvoice.Request(reason), Ct), _ => "Invoice rejected.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostNotDuplicateAsync(Guid id, string? reason) =>
        ActAsync(db, () => ClearPossibleDuplicate.HandleAsync(db, Me, id, new ClearPossibleDuplicate.Request(reason), Ct), _ => "Cleared: not a duplicate.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostRequestCreditAsync(Guid id, string? reason) =>
        ActAsync(db, () => RequestCreditNote.HandleAsync(db, Me, id, new RequestCreditNote.Request(reason), Ct), _ => "Credit note requested from the vendor.", () => LoadAsync(id), new { id });

    public Task<IActionResult> OnPostAdjustAsync(Guid id, Guid lineId, string? quantity, string? unitPrice, string? reason) =>
        ActAsync(db, () => AdjustInvoice.HandleAsync(db, Me, id, new AdjustInvoice.Request(reason,
                [new AdjustInvoice.LineRequest(lineId, string.IsNullOrWhiteSpace(quantity) ? null : quantity, string.IsNullOrWhiteSpace(unitPrice) ? null : unitPrice)]), Ct),
            i => $"Invoice adjusted; it is now {i.Status}.", () => LoadAsync(id), new { id });

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await InvoiceQueries.GetAsync(db, Me, id, Ct);
        if (!found.IsSuccess)
        {
            return false;
        }

        Invoice = found.Value;
        HasOriginal = await db.InvoiceDocuments.AnyAsync(d => d.InvoiceId == id, Ct);
        VendorName = await db.Vendors.Where(v => v.Id == Invoice.VendorId).Select(v => v.LegalName).SingleAsync(Ct);
        DepartmentName = Invoice.DepartmentId is { } department ? await db.Departments.Where(d => d.Id == department).Select(d => d.Name).SingleAsync(Ct) : null;
        var order = Invoice.PurchaseOrderId is { } orderId
            ? await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).ThenInclude(l => l.Splits).AsSplitQuery().SingleAsync(p => p.Id == orderId, Ct)
            : null;
        Order = order is null ? null : await PurchaseOrderResponse.BuildAsync(db, order, Ct);
        var waiting = (Invoice.Approval?.Route ?? []).Where(s => s.Status == "pending").SelectMany(s => s.Approvers).Where(a => a.Decision is null).Select(a => a.Approver.Id).ToList();
        CanDecide = waiting.Contains(Me.UserId)
            || (waiting.Count > 0 && (await Approvals.Delegations.ActiveForAsync(db, Me, await CompanyClock.TodayAsync(db, Me.CompanyId, Ct), Ct)).Overlaps(waiting));
        return true;
    }
}
