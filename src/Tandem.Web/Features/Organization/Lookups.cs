using Microsoft.EntityFrameworkCore;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>Choices offered by forms: the company's people and departments, by name.</summary>
public sealed record Choice(Guid Id, string Code, string Name);

public static class Lookups
{
    public static async Task<IReadOnlyList<Choice>> UsersAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id, u.Email ?? "", u.DisplayName)).ToListAsync(ct);

    public static async Task<IReadOnlyList<Choice>> DepartmentsAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.Departments.AsNoTracking().Where(d => d.CompanyId == companyId).OrderBy(d => d.Name)
            .Select(d => new Choice(d.Id, d.Code, d.Name)).ToListAsync(ct);

    public static string NameOf(IReadOnlyList<Choice> choices, Guid? id) => choices.FirstOrDefault(c => c.Id == id)?.Name ?? "";
}
