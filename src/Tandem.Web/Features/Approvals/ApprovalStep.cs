using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Domain.Approvals;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Approvals;

public enum StepStatus
{
    /// <summary>Not reached yet: an earlier step is still open.</summary>
    Waiting,
    Pending,
    Approved,
    Rejected,
    Returned,

    /// <summary>Closed without a decision: the request was cancelled, returned, or re-routed.</summary>
    Closed,
}

public enum Decision
{
    Approve,
    Reject,
    RequestChanges,
}

/// <summary>
/// One step of a requisition's (or a non-PO invoice's) approval route, with the rule that created it in words. Its version is the concurrency
/// token that lets exactly one of two simultaneous "any of" approvals count.
/// </summary>
public sealed class ApprovalStep : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>The requisition (or order change) it approves; null when it approves a non-PO invoice.</summary>
    public Guid? RequisitionId { get; set; }

    /// <summary>The non-PO invoice it approves.</summary>
    public Guid? InvoiceId { get; set; }

    public int Round { get; set; }

    public int Sequence { get; set; }

    public int Level { get; set; }

    public ApprovalMode Mode { get; set; }

    public string RuleName { get; set; } = "";

    public string Explanation { get; set; } = "";

    public StepStatus Status { get; set; }

    public int DueBusinessDays { get; set; }

    public DateTime? ActivatedAtUtc { get; set; }

    public DateTime? DueAtUtc { get; set; }

    public DateTime? EscalatesAtUtc { get; set; }

    public DateTime? RemindedAtUtc { get; set; }

    public DateTime? EscalatedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    public int Version { get; set; }

    public List<ApprovalAssignment> Approvers { get; set; } = [];

    /// <summary>The undecided assignment a person decides: their own, else that of someone who delegated to them.</summary>
    public ApprovalAssignment? OpenAssignmentFor(Guid userId, IReadOnlySet<Guid> delegators) =>
        Approvers.FirstOrDefault(a => a.UserId == userId && a.Decision is null) ?? Approvers.FirstOrDefault(a => delegators.Contains(a.UserId) && a.Decision is null);

    /// <summary>The person is on the step and has decided (for themselves or for someone).</summary>
    public bool DecidedBy(Guid userId) => Approvers.Any(a => a.UserId == userId || a.DecidedById == userId);

    /// <summary>The approvals so far complete the step: any one approver, or all of them.</summary>
    public bool Approved => Mode == ApprovalMode.AnyOf ? Approvers.Any(a => a.Decision == Decision.Approve) : Approvers.All(a => a.Decision == Decision.Approve);
}

/// <summary>An approver of a step and what they decided; a delegate's decision names both people.</summary>
public sealed class ApprovalAssignment : IAudited
{
    public Guid Id { get; set; }

    public Guid StepId { get; set; }

    public Guid UserId { get; set; }

    public const string Escalation = "escalation";

    /// <summary>Why this person is on the step: "policy" or <see cref="Escalation"/>.</summary>
    public string Source { get; set; } = "policy";

    public Decision? Decision { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>Who clicked: the approver, or their delegate.</summary>
    public Guid? DecidedById { get; set; }

    public string? Comment { get; set; }
}

internal sealed class ApprovalStepConfiguration : IEntityTypeConfiguration<ApprovalStep>
{
    public void Configure(EntityTypeBuilder<ApprovalStep> builder)
    {
        builder.ToTable("approval_steps");
        builder.Property(x => x.Mode).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.RuleName).HasMaxLength(200);
        builder.Property(x => x.Explanation).HasMaxLength(2000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Requisition>().WithMany().HasForeignKey(x => x.RequisitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.RequisitionId, x.Round, x.Sequence }).IsUnique();
        builder.HasOne<Invoices.Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.InvoiceId, x.Round, x.Sequence }).IsUnique();
        builder.HasIndex(x => new { x.CompanyId, x.Status, x.DueAtUtc });
        builder.HasIndex(x => new { x.CompanyId, x.CompletedAtUtc });
        builder.HasMany(x => x.Approvers).WithOne().HasForeignKey(a => a.StepId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalAssignmentConfiguration : IEntityTypeConfiguration<ApprovalAssignment>
{
    public void Configure(EntityTypeBuilder<ApprovalAssignment> builder)
    {
        builder.ToTable("approval_assignments");
        builder.Property(x => x.Source).HasMaxLength(20);
        builder.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Comment).HasMaxLength(2000);
        builder.HasIndex(x => new { x.UserId, x.StepId }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.DecidedById).OnDelete(DeleteBehavior.Restrict);
    }
}
