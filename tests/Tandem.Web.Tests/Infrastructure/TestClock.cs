namespace Tandem.Web.Tests.Infrastructure;

/// <summary>A clock the test sets (the Microsoft fake TimeProvider package is not available here).</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
