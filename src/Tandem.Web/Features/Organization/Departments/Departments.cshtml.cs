using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>The departments page (see <see cref="MasterDataPage{TResponse, TRequest}"/>).</summary>
public sealed class DepartmentsModel(TandemDb db) : MasterDataPage<DepartmentResponse, SaveDepartment.Request>(new(null, null, null, true))
{
    public IReadOnlyList<Choice> Users { get; private set; } = [];

    protected override async Task LoadLookupsAsync() => Users = await Lookups.UsersAsync(db, Me.CompanyId, Ct);

    protected override IReadOnlyList<string> EditRoles => [Role.Admin];

    protected override Task<Result<Paged<DepartmentResponse>>> ListAsync(string? q) =>
        DepartmentQueries.ListAsync(db, Me, q, null, 1, PageRequest.MaxPageSize, Ct);

    protected override async Task<Result<(int Version, SaveDepartment.Request Form)>> GetAsync(Guid id) =>
        (await DepartmentQueries.GetAsync(db, Me, id, Ct)).Map(d => (d.Version, new SaveDepartment.Request(d.Code, d.Name, d.ManagerId, d.IsActive)));

    protected override Task<Result<DepartmentResponse>> CreateAsync(SaveDepartment.Request request) => SaveDepartment.CreateAsync(db, Me, request, Ct);

    protected override Task<Result<DepartmentResponse>> UpdateAsync(Guid id, int version, SaveDepartment.Request request) =>
        SaveDepartment.UpdateAsync(db, Me, id, version, request, Ct);
}
