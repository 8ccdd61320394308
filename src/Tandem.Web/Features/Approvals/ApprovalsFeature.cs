using Tandem.Web.Features.Organization;

namespace Tandem.Web.Features.Approvals;

/// <summary>The approval engine's endpoints: inbox, decisions (one or bulk), policies as data, delegation, exchange rates for conversion.</summary>
public static class ApprovalsFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        ApprovalInbox.Map(api);
        DecideApproval.Map(api);
        ApprovalPolicies.Map(api);
        Delegations.Map(api);
        Rates.Map(api);
    }
}
