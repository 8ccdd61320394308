namespace Tandem.Domain.Vendors;

/// <summary>One sign-off on a vendor under review: who, and in which capacity (buyer or controller).</summary>
public sealed record VendorSignOff(Guid UserId, string Capacity);

/// <summary>
/// The two-person rule for activating a vendor: one sign-off as buyer and one as controller, by two different
/// people, neither of whom requested the vendor. Required documents must be accepted and in date.
/// </summary>
public static class VendorApprovalRule
{
    public const string Buyer = "buyer";
    public const string Controller = "controller";

    /// <summary>Checks whether <paramref name="userId"/> may add a sign-off in <paramref name="capacity"/>.</summary>
    public static Error? CanSignOff(Guid requestedBy, IReadOnlyCollection<VendorSignOff> existing, Guid userId, string capacity)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (userId == requestedBy)
        {
            return Error.Forbidden("vendor.self_approval", "The person who requested a vendor cannot approve it.");
        }

        if (existing.Any(s => s.UserId == userId))
        {
            return Error.Conflict("vendor.second_person_required", "You have already signed off this vendor; the other sign-off must come from a different person.");
        }

        return existing.Any(s => s.Capacity == capacity)
            ? Error.Conflict("vendor.already_signed", $"This vendor already has its {capacity} sign-off.")
            : null;
    }

    /// <summary>True once a buyer and a controller, two different people, have signed off.</summary>
    public static bool IsSatisfied(IReadOnlyCollection<VendorSignOff> signOffs)
    {
        ArgumentNullException.ThrowIfNull(signOffs);
        var buyer = signOffs.FirstOrDefault(s => s.Capacity == Buyer);
        var controller = signOffs.FirstOrDefault(s => s.Capacity == Controller);
        return buyer is not null && controller is not null && buyer.UserId != controller.UserId;
    }
}
