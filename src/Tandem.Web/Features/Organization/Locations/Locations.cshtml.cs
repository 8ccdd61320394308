using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>The locations page (see <see cref="MasterDataPage{TResponse, TRequest}"/>).</summary>
public sealed class LocationsModel(TandemDb db) : MasterDataPage<LocationResponse, SaveLocation.Request>(new(null, null, null, null, null, null, true))
{
    protected override IReadOnlyList<string> EditRoles => [Role.Admin];

    protected override Task<Result<Paged<LocationResponse>>> ListAsync(string? q) =>
        LocationQueries.ListAsync(db, Me, q, null, 1, PageRequest.MaxPageSize, Ct);

    protected override async Task<Result<(int Version, SaveLocation.Request Form)>> GetAsync(Guid id) =>
        (await LocationQueries.GetAsync(db, Me, id, Ct)).Map(d => (d.Version, new SaveLocation.Request(d.Code, d.Name, d.AddressLine, d.City, d.PostalCode, d.Country, d.IsActive)));

    protected override Task<Result<LocationResponse>> CreateAsync(SaveLocation.Request request) => SaveLocation.CreateAsync(db, Me, request, Ct);

    protected override Task<Result<LocationResponse>> UpdateAsync(Guid id, int version, SaveLocation.Request request) =>
        SaveLocation.UpdateAsync(db, Me, id, version, request, Ct);
}
