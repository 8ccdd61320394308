using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>Create a location or change one (admins). Codes are unique per company; country is ISO 3166-1 alpha-2.</summary>
public static class SaveLocation
{
    public sealed record Request(string? Code, string? Name, string? AddressLine, string? City, string? PostalCode, string? Country, bool? IsActive);

    public static async Task<Result<LocationResponse>> CreateAsync(TandemDb db, CurrentUser user, Request request, CancellationToken ct) =>
        await OrgUnits.CreateAsync(
            db, await ValidateAsync(db, user, request, null, ct),
            new Location { Id = Ids.New(db.Clock.GetUtcNow()), CompanyId = user.CompanyId }, Apply, LocationResponse.From, ct);

    public static async Task<Result<LocationResponse>> UpdateAsync(TandemDb db, CurrentUser user, Guid id, int expectedVersion, Request request, CancellationToken ct) =>
        await OrgUnits.UpdateAsync(
            db, await db.Locations.SingleOrDefaultAsync(x => x.Id == id && x.CompanyId == user.CompanyId, ct), expectedVersion, "location",
            _ => ValidateAsync(db, user, request, id, ct), Apply, LocationResponse.From, ct);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/locations", async (TandemDb db, CurrentUser user, HttpContext http, Request request, CancellationToken ct) =>
                (await CreateAsync(db, user, request, ct)).ToCreated(http, d => $"/api/v1/locations/{d.Id}"))
            .RequireRoles(Role.Admin);
        api.MapPut("/locations/{id:guid}", (TandemDb db, CurrentUser user, HttpContext http, Guid id, Request request, CancellationToken ct) =>
                ApiResults.UpdateAsync(http, version => UpdateAsync(db, user, id, version, request, ct)))
            .RequireRoles(Role.Admin);
    }

    private sealed record Valid(string Code, string Name, string? AddressLine, string? City, string? PostalCode, string Country, bool IsActive);

    private static async Task<Result<Valid>> ValidateAsync(TandemDb db, CurrentUser user, Request request, Guid? id, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Code(request.Code, "code");
        var name = v.Required(request.Name, "name", 200);
        var addressLine = v.Optional(request.AddressLine, "addressLine", 200);
        var city = v.Optional(request.City, "city", 100);
        var postalCode = v.Optional(request.PostalCode, "postalCode", 20);
        var country = v.Required(request.Country, "country", 2).ToUpperInvariant();
        if (country.Length is > 0 and not 2 || !country.All(char.IsAsciiLetterUpper))
        {
            v.Add("country", "country_invalid", "country must be an ISO 3166-1 alpha-2 code such as US or DE.");
        }

        if (!v.IsValid)
        {
            return Result<Valid>.Failure(v.Errors);
        }

        return await OrgUnits.CodeTakenAsync(db.Locations, user.CompanyId, code, id, "location", ct) is { } taken
            ? taken
            : new Valid(code, name, addressLine, city, postalCode, country, request.IsActive ?? true);
    }

    private static void Apply(Location d, Valid v)
    {
        d.Code = v.Code;
        d.Name = v.Name;
        d.AddressLine = v.AddressLine;
        d.City = v.City;
        d.PostalCode = v.PostalCode;
        d.Country = v.Country;
        d.IsActive = v.IsActive;
    }
}
