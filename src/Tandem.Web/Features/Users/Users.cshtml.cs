using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Users;

/// <summary>Admins manage users: list, add, edit roles and limits, import from CSV — through the API's handlers.</summary>
[Authorize(Roles = Role.Admin)]
public sealed class UsersModel(TandemDb db, UserManager<User> users) : TandemPage
{
    public sealed class UserForm
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public string? Password { get; set; }

        public string? ApprovalLimit { get; set; }

        public List<string> Roles { get; set; } = [Role.Requester];

        public Guid? ScopeDepartmentId { get; set; }

        public bool IsActive { get; set; } = true;
    }

    [BindProperty(Name = "")]
    public UserForm Form { get; set; } = new();

    public IReadOnlyList<UserResponse> List { get; private set; } = [];

    public IReadOnlyList<Choice> Departments { get; private set; } = [];

    public Guid? EditingId { get; private set; }

    public int Version { get; private set; }

    public string Currency { get; private set; } = "USD";

    public ImportReport? Import { get; private set; }

    public string DepartmentCode(Guid id) => Departments.FirstOrDefault(d => d.Id == id)?.Code ?? "?";

    public async Task OnGetAsync(Guid? edit)
    {
        await LoadAsync();
        if (edit is { } id && List.FirstOrDefault(u => u.Id == id) is { } u)
        {
            EditingId = id;
            Version = u.Version;
            Form = new UserForm
            {
                Email = u.Email,
                DisplayName = u.DisplayName,
                ApprovalLimit = u.ApprovalLimit?.Amount,
                IsActive = u.IsActive,
                Roles = u.Roles.Select(r => r.Role!).Distinct().ToList(),
                ScopeDepartmentId = u.Roles.FirstOrDefault(r => r.DepartmentId is not null)?.DepartmentId,
            };
        }
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        await LoadAsync();
        if (Succeeded(await SaveUser.CreateAsync(db, users, Me, ToRequest(), HttpContext.RequestAborted)))
        {
            return RedirectToPage();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, int version)
    {
        await LoadAsync();
        if (Succeeded(await SaveUser.UpdateAsync(db, users, Me, id, version, ToRequest(), HttpContext.RequestAborted)))
        {
            return RedirectToPage();
        }

        EditingId = id;
        Version = version;
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (file is not null)
        {
            await using var stream = file.OpenReadStream();
            var result = await ImportUsers.ImportAsync(db, users, Me, stream, dryRun: false, HttpContext.RequestAborted);
            if (Succeeded(result))
            {
                Import = result.Value;
                Notice = result.Value.Succeeded ? $"Imported {result.Value.Created} user(s)." : null;
            }
        }
        else
        {
            Errors = [Error.Validation("required", "Choose a CSV file.", "file")];
        }

        await LoadAsync();
        return Page();
    }

    private SaveUser.Request ToRequest() => new(
        Form.Email, Form.DisplayName, string.IsNullOrEmpty(Form.Password) ? null : Form.Password, null,
        string.IsNullOrWhiteSpace(Form.ApprovalLimit) ? null : new MoneyDto(Form.ApprovalLimit.Trim(), Currency),
        Form.Roles.Select(r => new RoleScopeDto(r, r == Role.Admin ? null : Form.ScopeDepartmentId, null)).ToList(),
        Form.IsActive);

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var page = await UserQueries.ListAsync(db, Me, null, null, 1, PageRequest.MaxPageSize, ct);
        List = page.IsSuccess ? page.Value.Items : [];
        Departments = await Lookups.DepartmentsAsync(db, Me.CompanyId, ct);
        Currency = await db.Companies.Where(c => c.Id == Me.CompanyId).Select(c => c.BaseCurrency).SingleAsync(ct);
    }
}
