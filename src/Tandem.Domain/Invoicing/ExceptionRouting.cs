namespace Tandem.Domain.Invoicing;

/// <summary>Who resolves an invoice exception.</summary>
public enum ExceptionOwner
{
    /// <summary>The order's buyer: prices, quantities beyond the order, a closed order.</summary>
    Buyer,

    /// <summary>Who asked for the goods: whether they arrived (no receipt, more billed than received).</summary>
    Requester,

    /// <summary>Accounts payable: duplicates, currency and tax the vendor must correct.</summary>
    AccountsPayable,

    /// <summary>A controller: a blocked vendor's invoice.</summary>
    Controller,

    /// <summary>The approvers the invoice approval policy names: an invoice without a purchase order.</summary>
    Approver,
}

/// <summary>Routes each exception reason to the person who can answer it (price → buyer, receipt → requester, …).</summary>
public static class ExceptionRouting
{
    public static ExceptionOwner OwnerOf(MatchException exception) => exception switch
    {
        MatchException.NoReceiptYet or MatchException.QuantityOverReceived => ExceptionOwner.Requester,
        _ => ExceptionOwner.Buyer,
    };

    public static ExceptionOwner OwnerOf(HeaderException exception) => exception switch
    {
        HeaderException.OrderClosed => ExceptionOwner.Buyer,
        HeaderException.BlockedVendor => ExceptionOwner.Controller,
        HeaderException.NoPurchaseOrder => ExceptionOwner.Approver,
        _ => ExceptionOwner.AccountsPayable,
    };
}
