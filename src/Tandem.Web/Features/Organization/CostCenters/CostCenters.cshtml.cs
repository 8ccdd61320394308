using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>The cost centers page (see <see cref="MasterDataPage{TResponse, TRequest}"/>).</summary>
public sealed class CostCentersModel(TandemDb db) : MasterDataPage<CostCenterResponse, SaveCostCenter.Request>(new(null, null, null, true))
{
    public IReadOnlyList<Choice> Departments { get; private set; } = [];

    protected override async Task LoadLookupsAsync() => Departments = await Lookups.DepartmentsAsync(db, Me.CompanyId, Ct);

    protected override IReadOnlyList<string> EditRoles => [Role.Admin, Role.Controller];

    protected override Task<Result<Paged<CostCenterResponse>>> ListAsync(string? q) =>
        CostCenterQueries.ListAsync(db, Me, q, null, 1, PageRequest.MaxPageSize, Ct);

    protected override async Task<Result<(int Version, SaveCostCenter.Request Form)>> GetAsync(Guid id) =>
        (await CostCenterQueries.GetAsync(db, Me, id, Ct)).Map(d => (d.Version, new SaveCostCenter.Request(d.Code, d.Name, d.DepartmentId, d.IsActive)));

    protected override Task<Result<CostCenterResponse>> CreateAsync(SaveCostCenter.Request request) => SaveCostCenter.CreateAsync(db, Me, request, Ct);

    protected override Task<Result<CostCenterResponse>> UpdateAsync(Guid id, int version, SaveCostCenter.Request request) =>
        SaveCostCenter.UpdateAsync(db, Me, id, version, request, Ct);
}
