namespace Tandem.Web.Features.Requisitions;

/// <summary>The requisitions area: create and change requests, submit (with the route preview), cancel, read.</summary>
public static class RequisitionsFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        RequisitionQueries.Map(api);
        SaveRequisition.Map(api);
        SubmitRequisition.Map(api);
        CancelRequisition.Map(api);
    }
}
