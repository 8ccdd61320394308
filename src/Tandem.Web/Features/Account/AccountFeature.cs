namespace Tandem.Web.Features.Account;

/// <summary>Signing in (pages under Account/) and a user's own API tokens.</summary>
public static class AccountFeature
{
    public static void Map(RouteGroupBuilder api)
    {
        ApiTokenQueries.Map(api);
        CreateApiToken.Map(api);
        RevokeApiToken.Map(api);
    }
}
