using Microsoft.AspNetCore.Authorization;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Audit;

[Authorize(Roles = $"{Role.Admin},{Role.Controller}")]
public sealed class AuditModel(TandemDb db) : TandemPage
{
    public Paged<AuditEntryResponse> Entries { get; private set; } = new([], 1, 50, 0);

    public string? EntityType { get; private set; }

    public string? EntityId { get; private set; }

    public async Task OnGetAsync(string? entityType, string? entityId, int? page)
    {
        EntityType = entityType;
        EntityId = entityId;
        var result = await AuditQueries.ListAsync(db, Me, entityType, entityId, null, page, 50, HttpContext.RequestAborted);
        if (Succeeded(result))
        {
            Entries = result.Value;
        }
    }
}
