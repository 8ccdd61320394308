using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Webhooks;

/// <summary>
/// Publishing events for webhooks. Requisition and approval events are read off the change tracker when the change is
/// saved (<see cref="Capture"/>), so every channel — API, pages, jobs — publishes them; other events call
/// <see cref="Publish"/>. Either way the event row commits with the change or not at all (ADR 0015).
/// </summary>
public static class WebhookPublisher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static WebhookEvent Publish(TandemDb db, Guid companyId, string type, object data)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var id = Ids.New(now);
        var published = new WebhookEvent
        {
            Id = id,
            CompanyId = companyId,
            Type = type,
            OccurredAtUtc = now,
            Payload = JsonSerializer.Serialize(new { id, type, occurredAt = now, data }, Json),
        };
        db.WebhookEvents.Add(published);
        return published;
    }

    /// <summary>Called by <see cref="TandemDb"/> before saving: requisition status changes and approval steps and decisions become events.</summary>
    public static void Capture(TandemDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var entry in db.ChangeTracker.Entries<Requisition>().ToList())
        {
            var r = entry.Entity;
            var type = entry.State switch
            {
                EntityState.Added => "requisition.created",
                EntityState.Modified when entry.Property(x => x.Status).IsModified && !Equals(entry.Property(x => x.Status).OriginalValue, r.Status) => r.Status switch
                {
                    RequisitionStatus.InApproval => "requisition.submitted",
                    RequisitionStatus.Approved => "requisition.approved",
                    RequisitionStatus.Rejected => "requisition.rejected",
                    RequisitionStatus.Returned => "requisition.returned",
                    RequisitionStatus.Cancelled => "requisition.cancelled",
                    _ => null,
                },
                EntityState.Modified when entry.Property(x => x.TotalMinor).IsModified || entry.Property(x => x.Title).IsModified => "requisition.updated",
                _ => null,
            };
            if (type is not null)
            {
                Publish(db, r.CompanyId, type, new
                {
                    id = r.Id,
                    number = r.Number,
                    title = r.Title,
                    status = r.Status,
                    requesterId = r.RequesterId,
                    onBehalfOfId = r.OnBehalfOfId,
                    total = MoneyDto.From(new Domain.Money.Money(r.TotalMinor, Currency.Of(r.Currency))),
                    reason = r.StatusReason,
                    round = r.Round,
                });
            }
        }

        var steps = db.ChangeTracker.Entries<ApprovalStep>().ToList();
        foreach (var entry in steps.Where(e => e.Entity.Status == StepStatus.Pending
            && (e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(x => x.Status).IsModified))))
        {
            var s = entry.Entity;
            Publish(db, s.CompanyId, "approval.requested", new
            {
                requisitionId = s.RequisitionId,
                stepId = s.Id,
                s.Round,
                s.Sequence,
                s.Level,
                rule = s.RuleName,
                s.Explanation,
                s.DueAtUtc,
                approverIds = s.Approvers.Select(a => a.UserId),
            });
        }

        foreach (var entry in db.ChangeTracker.Entries<ApprovalAssignment>().ToList())
        {
            var a = entry.Entity;
            var step = steps.Select(e => e.Entity).FirstOrDefault(s => s.Id == a.StepId);
            if (step is null)
            {
                continue;
            }

            if (entry.State == EntityState.Modified && entry.Property(x => x.Decision).IsModified && a.Decision is not null)
            {
                Publish(db, step.CompanyId, "approval.decided", new
                {
                    requisitionId = step.RequisitionId,
                    stepId = step.Id,
                    step.Sequence,
                    approverId = a.UserId,
                    decidedById = a.DecidedById,
                    decision = a.Decision,
                    a.Comment,
                    a.DecidedAtUtc,
                });
            }
            else if (entry.State == EntityState.Added && a.Source == ApprovalAssignment.Escalation && step.Status == StepStatus.Pending)
            {
                Publish(db, step.CompanyId, "approval.escalated", new { requisitionId = step.RequisitionId, stepId = step.Id, step.Sequence, approverId = a.UserId });
            }
        }
    }
}
