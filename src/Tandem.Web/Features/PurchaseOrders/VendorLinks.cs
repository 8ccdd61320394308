using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Tandem.Web.Features.PurchaseOrders;

/// <summary>
/// Signed links for vendors (who have no sign-in): the order page where they confirm an order. The token is the order
/// id and an expiry (90 days, by the injected clock) protected with the data-protection keys every instance shares.
/// Links are absolute: <c>Tandem:PublicUrl</c>, else the address of the request that sends them.
/// </summary>
public sealed class VendorLinks(IDataProtectionProvider protection, IConfiguration configuration, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    private readonly IDataProtector _protector = protection.CreateProtector("Tandem.PurchaseOrders.VendorLink");

    public string OrderUrl(Guid orderId) => $"{BaseUrl()}/PurchaseOrders/Confirm?token={Uri.EscapeDataString(Token(orderId))}";

    public string Token(Guid orderId) =>
        _protector.Protect($"{orderId:N}|{(clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The order a token names, or null when it is forged, damaged or expired.</summary>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var expires)
                && clock.GetUtcNow().ToUnixTimeSeconds() <= expires ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private string BaseUrl() =>
        (configuration["Tandem:PublicUrl"] ?? (http.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}{r.PathBase}" : "http://localhost:5080")).TrimEnd('/');
}
