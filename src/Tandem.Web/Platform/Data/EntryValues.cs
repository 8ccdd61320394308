using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// A tracked row's values and modified flags, read the way EF Core's own update pipeline reads them (ADR 0031). The
/// public <c>entry.Property(p)</c> and <c>entry.Properties</c> make a wrapper object per property per call; the audit
/// trail and large saves look at every property of every changed row — 10,000 rows and 200,000 properties per slice of a
/// batch re-match — and read them through this instead.
/// </summary>
internal static class EntryValues
{
#pragma warning disable EF1001 // The internal entry is only handed on as IUpdateEntry, the public interface it implements for database providers.
    public static IUpdateEntry Of(EntityEntry entry) => entry.GetInfrastructure();
#pragma warning restore EF1001
}
