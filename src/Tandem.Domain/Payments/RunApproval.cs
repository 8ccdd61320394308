namespace Tandem.Domain.Payments;

/// <summary>What an approval of a payment run does.</summary>
public enum RunApprovalStep
{
    /// <summary>The first of two approvals (the run is at or above the threshold).</summary>
    First,

    /// <summary>The last approval: the run goes to the bank.</summary>
    Final,
}

/// <summary>
/// Segregation of duties on payment runs: whoever prepared a run never approves it, and a run at or above the
/// company's threshold needs two different approvers.
/// </summary>
public static class RunApproval
{
    public static Result<RunApprovalStep> Check(Guid preparedBy, Guid? firstApprovedBy, bool needsSecondApproval, Guid approver)
    {
        if (approver == preparedBy)
        {
            return Error.Forbidden("payment_run.preparer_cannot_approve", "Whoever prepared a payment run cannot approve it; another controller must.");
        }

        if (!needsSecondApproval)
        {
            return RunApprovalStep.Final;
        }

        if (firstApprovedBy == approver)
        {
            return Error.Forbidden("payment_run.second_approver_must_differ", "This run is above the second-approval threshold; a second controller, not the first approver, approves it.");
        }

        return firstApprovedBy is null ? RunApprovalStep.First : RunApprovalStep.Final;
    }
}
