namespace Tandem.Web.Features.Vendors;

/// <summary>The vendors area: master data, lifecycle, onboarding checklist, bank-detail change control, scorecard, CSV.</summary>
public static class VendorsFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        SaveDocumentType.Map(api);
        VendorQueries.Map(api);
        SaveVendor.Map(api);
        ChangeVendorStatus.Map(api);
        SignOffVendor.Map(api);
        VendorChecklist.Map(api);
        UploadVendorDocument.Map(api);
        ReviewVendorDocument.Map(api);
        RequestBankChange.Map(api);
        DecideBankChange.Map(api);
        VendorScorecard.Map(api);
        VendorCsv.Map(api);
    }
}
