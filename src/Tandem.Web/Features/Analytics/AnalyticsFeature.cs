namespace Tandem.Web.Features.Analytics;

/// <summary>Spend analytics, the shared KPIs and the weekly procurement–finance review pack (ADR 0021).</summary>
public static class AnalyticsFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        SpendAnalysis.Map(api);
        SpendDocuments.Map(api);
        SpendBackfill.Map(api);
        Kpis.Map(api);
        RecordSavings.Map(api);
        ReviewPack.Map(api);
        ReviewPackMail.Map(api);
        MatchingFunnel.Map(api);
    }
}
