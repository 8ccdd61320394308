using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

/// <summary>
/// The approval policy editor: the current version as JSON next to a plain-language reading of its rules, a reference
/// of the ids it may name, "test this policy" on the draft as typed, and saving as a new version (older versions stay).
/// </summary>
[Authorize(Roles = $"{Role.Admin},{Role.Controller}")]
public sealed class PolicyModel(TandemDb db) : TandemPage
{
    [BindProperty]
    public string? Document { get; set; }

    [BindProperty]
    public int Number { get; set; }

    /// <summary>Which policy is edited: requisitions (the default) or invoices without a purchase order (<c>?kind=invoice</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public PolicyKind Kind { get; set; }

    [BindProperty]
    public PolicyTest Test { get; set; } = new();

    public PolicyVersionResponse Current { get; private set; } = null!;

    public IReadOnlyList<(int Number, DateTime CreatedAtUtc)> Versions { get; private set; } = [];

    public FormChoices Choices { get; private set; } = FormChoices.Empty;

    public RoutePreview? Outcome { get; private set; }

    public static IReadOnlyList<string> Flags { get; } = [.. Enum.GetValues<PolicyFlag>().Select(f => JsonNames.Camel(f.ToString()))];

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
        Document = Current.Document.ToEditorJson();
        Number = Current.Number;
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var v = new Validator();
        var document = PolicyDocument.Parse(v, Document, "policy");
        var saved = document is null ? Result<PolicyVersionResponse>.Failure(v.Errors) : await ApprovalPolicies.SaveAsync(db, Me, Kind, Number, document, Ct);
        if (Succeeded(saved))
        {
            TempData["Notice"] = $"Saved as version {saved.Value.Number}. New submissions route with it; requests already in approval keep the version they started with.";
            return RedirectToPage(new { kind = Kind == PolicyKind.Invoice ? "invoice" : null });
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync()
    {
        var v = new Validator();
        var document = PolicyDocument.Parse(v, Document, "policy");
        var tested = document is null ? Result<RoutePreview>.Failure(v.Errors) : await ApprovalPolicies.TestAsync(db, Me, Kind, Test.ToRequest(document), Ct);
        if (Succeeded(tested))
        {
            Outcome = tested.Value;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Current = (await ApprovalPolicies.CurrentAsync(db, Me, Kind, Ct)).Value;
        Versions = [.. (await db.ApprovalPolicyVersions.AsNoTracking().Where(p => p.CompanyId == Me.CompanyId && p.Kind == Kind).OrderByDescending(p => p.Number)
            .Select(p => new { p.Number, p.CreatedAtUtc }).Take(20).ToListAsync(Ct)).Select(p => (p.Number, p.CreatedAtUtc))];
        Choices = await FormChoices.LoadAsync(db, Me.CompanyId, Ct);
    }
}

/// <summary>The made-up request of the "test this policy" form.</summary>
public sealed class PolicyTest
{
    public string? Amount { get; set; }

    public Guid? RequesterId { get; set; }

    public Guid? DepartmentId { get; set; }

    public Guid? CategoryId { get; set; }

    public Guid? VendorId { get; set; }

    public List<string> Flags { get; set; } = [];

    public ApprovalPolicies.TestRequest ToRequest(PolicyDocument policy) =>
        new(policy, Amount, RequesterId, One(DepartmentId), null, One(CategoryId), One(VendorId), null, Flags);

    private static Guid[]? One(Guid? id) => id is { } x ? [x] : null;
}
