namespace Tandem.Domain.Requisitions;

/// <summary>
/// A fact about a request that policy cares about, computed on submit. Some block submission (configured per company);
/// all of them can be conditions of approval rules.
/// </summary>
public enum PolicyFlag
{
    NonCatalog,
    NonPreferredVendor,
    VendorNotActive,
    OverSpendingLimit,
    MissingGlAccount,
    MissingCostCenter,
    NeedByInPast,
    Unbudgeted,
}
