namespace Tandem.Web.Features.Organization;

/// <summary>Companies, departments, locations, cost centers, projects and the chart of accounts.</summary>
public static class OrganizationFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        CompanyQueries.Map(api);
        SaveCompany.Map(api);
        DepartmentQueries.Map(api);
        SaveDepartment.Map(api);
        LocationQueries.Map(api);
        SaveLocation.Map(api);
        CostCenterQueries.Map(api);
        SaveCostCenter.Map(api);
        ProjectQueries.Map(api);
        SaveProject.Map(api);
        GlAccountQueries.Map(api);
        SaveGlAccount.Map(api);
        ImportGlAccounts.Map(api);
    }
}
