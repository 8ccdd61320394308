using Microsoft.EntityFrameworkCore;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Features.Approvals;

/// <summary>
/// Every few minutes: a pending step past its deadline reminds its undecided approvers (once); past its escalation time
/// it gains an approver — the policy's escalation approver, else the manager of its first approver — who is told.
/// Both are audited as "system".
/// </summary>
public sealed class ApprovalEscalationJob(TimeProvider clock) : IScheduledJob
{
    public string Name => "approval-escalation";

    public TimeSpan Interval => TimeSpan.FromMinutes(5);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TandemDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.ApprovalSteps.Include(s => s.Approvers)
            .Where(s => s.Status == StepStatus.Pending && ((s.DueAtUtc <= now && s.RemindedAtUtc == null) || (s.EscalatesAtUtc <= now && s.EscalatedAtUtc == null)))
            .OrderBy(s => s.DueAtUtc).Take(500).ToListAsync(ct);
        foreach (var step in due)
        {
            var subject = await ApprovalSubject.OfStepAsync(db, step, ct);
            var undecided = step.Approvers.Where(a => a.Decision is null).Select(a => a.UserId).ToList();
            if (step.RemindedAtUtc is null)
            {
                step.RemindedAtUtc = now;
                await ApprovalRouting.TellAsync(db, subject, undecided, $"Reminder: {subject.Number} is waiting for your approval",
                    $"{subject.Title} ({subject.Total}) was due for your decision on {step.DueAtUtc:yyyy-MM-dd HH:mm} UTC.\nWhy you: {step.Explanation}", ct);
            }

            if (step.EscalatesAtUtc <= now && step.EscalatedAtUtc is null)
            {
                step.EscalatedAtUtc = now;
                if (await EscalateToAsync(db, subject, step, ct) is { } person && step.Approvers.All(a => a.UserId != person))
                {
                    step.Approvers.Add(new ApprovalAssignment { Id = Ids.New(now), StepId = step.Id, UserId = person, Source = ApprovalAssignment.Escalation });
                    await ApprovalRouting.TellAsync(db, subject, [person], $"Escalated to you: {subject.Number} needs approval",
                        $"{subject.Title} ({subject.Total}) has waited past its deadline and is escalated to you.\nStep: {step.Explanation}", ct);
                }
            }

            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task<Guid?> EscalateToAsync(TandemDb db, ApprovalSubject subject, ApprovalStep step, CancellationToken ct)
    {
        if ((await ApprovalRouting.PolicyOfAsync(db, subject, ct)).Policy.EscalationApproverId is { } named && named != subject.RequesterId)
        {
            return named;
        }

        var first = step.Approvers.OrderBy(a => a.Id).Select(a => a.UserId).First();
        var manager = await db.Users.Where(u => u.Id == first).Select(u => u.ManagerId).SingleAsync(ct);
        return manager is { } m && m != subject.RequesterId && await db.Users.AnyAsync(u => u.Id == m && u.IsActive, ct) ? m : null;
    }
}
