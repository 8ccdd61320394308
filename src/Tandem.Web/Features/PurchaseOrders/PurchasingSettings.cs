using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>A company's purchasing rules: over-receipt tolerance and whether catalog-only requests become orders on approval.</summary>
public sealed class PurchasingSettings : IAudited, IVersioned
{
    public Guid CompanyId { get; set; }

    Guid IAudited.Id => CompanyId;

    /// <summary>How far a delivery may run over the ordered quantity, in basis points (10 % = 1000).</summary>
    public int OverReceiptBasisPoints { get; set; }

    /// <summary>Approved requests whose every line comes from the catalog are turned into issued orders at once.</summary>
    public bool AutoOrderCatalog { get; set; }

    /// <summary>The GL classifier's confidence from which its account is applied to an invoice line (below it only suggests).</summary>
    public int GlAutoApplyBasisPoints { get; set; }

    public int Version { get; set; }

    public static PurchasingSettings Default(Guid companyId) => new() { CompanyId = companyId, OverReceiptBasisPoints = 1000, GlAutoApplyBasisPoints = 8000 };

    public static async Task<PurchasingSettings> ForAsync(TandemDb db, Guid companyId, CancellationToken ct) =>
        await db.PurchasingSettings.AsNoTracking().SingleOrDefaultAsync(s => s.CompanyId == companyId, ct) ?? Default(companyId);
}

public sealed record PurchasingSettingsDto(string? OverReceiptPercent, bool? AutoOrderCatalog, string? GlAutoApplyPercent = null);

/// <summary>Read and change the purchasing settings (admins and controllers change them; buyers and receivers read them).</summary>
public static class PurchasingSettingsEndpoints
{
    public static PurchasingSettingsDto From(PurchasingSettings s) => new(PercentText.Of(s.OverReceiptBasisPoints), s.AutoOrderCatalog, PercentText.Of(s.GlAutoApplyBasisPoints));

    public static async Task<Result<PurchasingSettingsDto>> SaveAsync(TandemDb db, CurrentUser user, PurchasingSettingsDto request, CancellationToken ct)
    {
        var v = new Validator();
        var percent = v.Percent(request.OverReceiptPercent, "overReceiptPercent");
        var glAutoApply = v.Percent(request.GlAutoApplyPercent, "glAutoApplyPercent");

        if (!v.IsValid)
        {
            return Result<PurchasingSettingsDto>.Failure(v.Errors);
        }

        var settings = await db.PurchasingSettings.SingleOrDefaultAsync(s => s.CompanyId == user.CompanyId, ct);
        if (settings is null)
        {
            settings = PurchasingSettings.Default(user.CompanyId);
            db.PurchasingSettings.Add(settings);
        }

        settings.OverReceiptBasisPoints = percent ?? settings.OverReceiptBasisPoints;
        settings.AutoOrderCatalog = request.AutoOrderCatalog ?? settings.AutoOrderCatalog;
        settings.GlAutoApplyBasisPoints = glAutoApply ?? settings.GlAutoApplyBasisPoints;
        await db.SaveChangesAsync(ct);
        return From(settings);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/purchasing-settings", async (TandemDb db, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok(From(await PurchasingSettings.ForAsync(db, user.CompanyId, ct))))
            .RequireRoles(Role.Buyer, Role.Receiver, Role.Controller, Role.Admin);
        api.MapPut("/purchasing-settings", async (TandemDb db, CurrentUser user, HttpContext http, PurchasingSettingsDto request, CancellationToken ct) =>
                (await SaveAsync(db, user, request, ct)).ToOk(http))
            .RequireRoles(Role.Controller, Role.Admin);
    }
}

internal sealed class PurchasingSettingsConfiguration : IEntityTypeConfiguration<PurchasingSettings>
{
    public void Configure(EntityTypeBuilder<PurchasingSettings> builder)
    {
        builder.ToTable("purchasing_settings");
        builder.HasKey(x => x.CompanyId);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
