using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>The projects page (see <see cref="MasterDataPage{TResponse, TRequest}"/>).</summary>
public sealed class ProjectsModel(TandemDb db) : MasterDataPage<ProjectResponse, SaveProject.Request>(new(null, null, null, null, true))
{
    protected override IReadOnlyList<string> EditRoles => [Role.Admin, Role.Controller];

    protected override Task<Result<Paged<ProjectResponse>>> ListAsync(string? q) =>
        ProjectQueries.ListAsync(db, Me, q, null, 1, PageRequest.MaxPageSize, Ct);

    protected override async Task<Result<(int Version, SaveProject.Request Form)>> GetAsync(Guid id) =>
        (await ProjectQueries.GetAsync(db, Me, id, Ct)).Map(d => (d.Version, new SaveProject.Request(d.Code, d.Name, d.StartsOn, d.EndsOn, d.IsActive)));

    protected override Task<Result<ProjectResponse>> CreateAsync(SaveProject.Request request) => SaveProject.CreateAsync(db, Me, request, Ct);

    protected override Task<Result<ProjectResponse>> UpdateAsync(Guid id, int version, SaveProject.Request request) =>
        SaveProject.UpdateAsync(db, Me, id, version, request, Ct);
}
