using Microsoft.AspNetCore.Identity;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Users;

/// <summary>A person who signs in. Identity keeps the password hash, lockout and security stamp; Tandem adds the rest.</summary>
public sealed class User : IdentityUser<Guid>, IAudited, IVersioned
{
    public Guid CompanyId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>Their manager: the approval engine walks this chain.</summary>
    public Guid? ManagerId { get; set; }

    /// <summary>Largest amount this person may approve, in minor units of <see cref="ApprovalLimitCurrency"/>; null = no limit set.</summary>
    public long? ApprovalLimitMinor { get; set; }

    public string? ApprovalLimitCurrency { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }

    public List<RoleAssignment> Roles { get; set; } = [];
}
