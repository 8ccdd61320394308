namespace Tandem.Web.Features.Payments;

/// <summary>The payments area: terms and due dates, the company's bank accounts and settings, payment runs from proposal to bank files and confirmation.</summary>
public static class PaymentsFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        PaymentSetup.Map(api);
        InvoiceTerms.Map(api);
        PaymentsDue.Map(api);
        ProposePaymentRun.Map(api);
        AdjustPaymentRun.Map(api);
        ApprovePaymentRun.Map(api);
        SettlePaymentRun.Map(api);
        PaymentRunQueries.Map(api);
    }
}
