namespace Tandem.Web.Platform.Data;

/// <summary>Entities whose updates are guarded by an application-managed version (the ETag). TandemDb bumps it on every update.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>Entities whose every insert, update and delete is written to the audit trail with before/after values.</summary>
public interface IAudited
{
    Guid Id { get; }
}

/// <summary>Properties never written to the audit trail (secrets, hashes).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
