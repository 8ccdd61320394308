using Tandem.Domain.Vendors;

namespace Tandem.Web.Features.Vendors;

/// <summary>Words the vendor pages show for statuses.</summary>
public static class VendorPages
{
    public static string Label(VendorStatus status) => status switch
    {
        VendorStatus.InReview => "In review",
        VendorStatus.OnHold => "On hold",
        _ => status.ToString(),
    };

    public static string Css(VendorStatus status) => Platform.Api.JsonNames.Camel(status.ToString());
}
