namespace Tandem.Domain.Vendors;

/// <summary>Where a vendor is in its life: only active vendors get new purchase orders.</summary>
public enum VendorStatus
{
    Prospect,
    InReview,
    Active,
    OnHold,
    Blocked,
}

/// <summary>
/// Which status changes are allowed and what each status permits. Becoming active is not a plain transition: it
/// happens only through <see cref="VendorApprovalRule"/> (one buyer and one controller, two people, not the requester).
/// </summary>
public static class VendorLifecycle
{
    private static readonly Dictionary<VendorStatus, VendorStatus[]> Allowed = new()
    {
        [VendorStatus.Prospect] = [VendorStatus.InReview, VendorStatus.Blocked],
        [VendorStatus.InReview] = [VendorStatus.Prospect, VendorStatus.Blocked],
        [VendorStatus.Active] = [VendorStatus.OnHold, VendorStatus.Blocked],
        [VendorStatus.OnHold] = [VendorStatus.Active, VendorStatus.Blocked],
        [VendorStatus.Blocked] = [VendorStatus.InReview],
    };

    /// <summary>The statuses a person may move a vendor to from <paramref name="from"/> (approval to active excluded).</summary>
    public static IReadOnlyList<VendorStatus> NextFrom(VendorStatus from) => Allowed[from];

    public static Result<VendorStatus> Transition(VendorStatus from, VendorStatus to, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Error.Validation("vendor.reason_required", "Every status change needs a reason.", "reason");
        }

        if (from == VendorStatus.InReview && to == VendorStatus.Active)
        {
            return Error.Conflict("vendor.approval_required", "An in-review vendor becomes active only through approval by a buyer and a controller.", "status");
        }

        return Allowed[from].Contains(to)
            ? to
            : Error.Conflict("vendor.transition_not_allowed", $"A vendor cannot go from {Names.Of(from)} to {Names.Of(to)}.", "status");
    }

    /// <summary>New purchase orders go only to active vendors.</summary>
    public static bool CanReceiveNewOrders(VendorStatus status) => status == VendorStatus.Active;

    /// <summary>On-hold vendors keep their open orders; blocked vendors lose them.</summary>
    public static bool KeepsOpenOrders(VendorStatus status) => status is VendorStatus.Active or VendorStatus.OnHold;

    /// <summary>Invoices of blocked vendors cannot be paid.</summary>
    public static bool CanBePaid(VendorStatus status) => status != VendorStatus.Blocked;

    /// <summary>Payment runs pay active vendors only: on hold waits until the hold is lifted, blocked is never paid.</summary>
    public static bool PaidInRuns(VendorStatus status) => status == VendorStatus.Active;

    private static class Names
    {
        public static string Of(VendorStatus s) => s switch
        {
            VendorStatus.InReview => "in review",
            VendorStatus.OnHold => "on hold",
            _ => s.ToString().ToLowerInvariant(),
        };
    }
}
