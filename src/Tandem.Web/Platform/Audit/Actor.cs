namespace Tandem.Web.Platform.Audit;

/// <summary>Who is making a change: a signed-in user, a user's API token, or the system (CLI, jobs, seeding).</summary>
public sealed record Actor(Guid? UserId, Guid? TokenId, string Name, Guid? CompanyId = null)
{
    public static Actor System { get; } = new(null, null, "system");

    public static Actor Anonymous { get; } = new(null, null, "anonymous");
}

/// <summary>The actor for the current scope. The web request sets it after authentication; the CLI leaves it as System.</summary>
public interface IActorAccessor
{
    Actor Current { get; }
}

public sealed class ActorAccessor : IActorAccessor
{
    public Actor Current { get; set; } = Actor.System;
}
