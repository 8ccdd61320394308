namespace Tandem.Web.Features.Users;

/// <summary>People, their roles and scopes.</summary>
public static class UsersFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        UserQueries.Map(api);
        SaveUser.Map(api);
        ImportUsers.Map(api);
    }
}
