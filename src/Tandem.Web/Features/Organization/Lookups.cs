using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>Choices offered by forms: the company's people, org units, accounts, vendors and categories.</summary>
public sealed record Choice(Guid Id, string Code, string Name);

public static class Lookups
{
    public static async Task<IReadOnlyList<Choice>> UsersAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id, u.Email ?? "", u.DisplayName)).ToListAsync(ct);

    public static async Task<IReadOnlyList<Choice>> DepartmentsAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.Departments.AsNoTracking().Where(d => d.CompanyId == companyId).OrderBy(d => d.Name)
            .Select(d => new Choice(d.Id, d.Code, d.Name)).ToListAsync(ct);

    public static async Task<IReadOnlyList<Choice>> LocationsAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.Locations.AsNoTracking().Where(d => d.CompanyId == companyId && d.IsActive).OrderBy(d => d.Name)
            .Select(d => new Choice(d.Id, d.Code, d.Name)).ToListAsync(ct);

    public static async Task<IReadOnlyList<Choice>> CostCentersAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.CostCenters.AsNoTracking().Where(d => d.CompanyId == companyId && d.IsActive).OrderBy(d => d.Code)
            .Select(d => new Choice(d.Id, d.Code, d.Name)).ToListAsync(ct);

    public static async Task<IReadOnlyList<Choice>> ProjectsAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.Projects.AsNoTracking().Where(d => d.CompanyId == companyId && d.IsActive).OrderBy(d => d.Code)
            .Select(d => new Choice(d.Id, d.Code, d.Name)).ToListAsync(ct);

    public static async Task<IReadOnlyList<Choice>> GlAccountsAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.GlAccounts.AsNoTracking().Where(d => d.CompanyId == companyId && d.IsActive).OrderBy(d => d.Code)
            .Select(d => new Choice(d.Id, d.Code, d.Name)).ToListAsync(ct);

    public static async Task<IReadOnlyList<Choice>> VendorsAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.Vendors.AsNoTracking().Where(d => d.CompanyId == companyId).OrderBy(d => d.LegalName)
            .Select(d => new Choice(d.Id, d.Code, d.LegalName)).ToListAsync(ct);

    public static async Task<IReadOnlyList<Choice>> CategoriesAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.Categories.AsNoTracking().Where(d => d.CompanyId == companyId && d.IsActive).OrderBy(d => d.Code)
            .Select(d => new Choice(d.Id, d.Code, d.Name)).ToListAsync(ct);

    public static string NameOf(IReadOnlyList<Choice> choices, Guid? id) => choices.FirstOrDefault(c => c.Id == id)?.Name ?? "";
}
