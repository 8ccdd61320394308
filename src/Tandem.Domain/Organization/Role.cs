namespace Tandem.Domain.Organization;

/// <summary>The roles of product.md. A user may hold several, each optionally scoped to departments/locations.</summary>
public static class Role
{
    public const string Requester = "requester";
    public const string Approver = "approver";
    public const string Buyer = "buyer";
    public const string Receiver = "receiver";
    public const string ApClerk = "ap_clerk";
    public const string Controller = "controller";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Requester, Approver, Buyer, Receiver, ApClerk, Controller, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
