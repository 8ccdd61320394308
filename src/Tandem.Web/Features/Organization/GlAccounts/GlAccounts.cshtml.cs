using Microsoft.AspNetCore.Mvc;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Csv;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>The GL accounts page (see <see cref="MasterDataPage{TResponse, TRequest}"/>).</summary>
public sealed class GlAccountsModel(TandemDb db) : MasterDataPage<GlAccountResponse, SaveGlAccount.Request>(new(null, null, null, true))
{
    public ImportReport? Import { get; private set; }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (file is null)
        {
            Errors = [Error.Validation("required", "Choose a CSV file.", "file")];
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var result = await ImportGlAccounts.ImportAsync(db, Me, stream, dryRun: false, Ct);
            if (Succeeded(result))
            {
                Import = result.Value;
            }
        }

        await LoadAsync(null);
        return Page();
    }

    protected override IReadOnlyList<string> EditRoles => [Role.Admin, Role.Controller];

    protected override Task<Result<Paged<GlAccountResponse>>> ListAsync(string? q) =>
        GlAccountQueries.ListAsync(db, Me, q, null, 1, PageRequest.MaxPageSize, Ct);

    protected override async Task<Result<(int Version, SaveGlAccount.Request Form)>> GetAsync(Guid id) =>
        (await GlAccountQueries.GetAsync(db, Me, id, Ct)).Map(d => (d.Version, new SaveGlAccount.Request(d.Code, d.Name, JsonNames.Camel(d.Type.ToString()), d.IsActive)));

    protected override Task<Result<GlAccountResponse>> CreateAsync(SaveGlAccount.Request request) => SaveGlAccount.CreateAsync(db, Me, request, Ct);

    protected override Task<Result<GlAccountResponse>> UpdateAsync(Guid id, int version, SaveGlAccount.Request request) =>
        SaveGlAccount.UpdateAsync(db, Me, id, version, request, Ct);
}
