using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Organization;

/// <summary>Checks shared by every coded master-data use case in this area.</summary>
internal static class OrgUnits
{
    public static async Task<Error?> CodeTakenAsync<T>(IQueryable<T> set, Guid companyId, string code, Guid? exceptId, string what, CancellationToken ct)
        where T : class, ICompanyCoded =>
        await set.AnyAsync(x => x.CompanyId == companyId && x.Code == code && x.Id != exceptId, ct)
            ? Error.Conflict($"{what}.code_taken", $"A {what.Replace('_', ' ')} with code {code} already exists.", "code")
            : null;

    public static Error NotFound(string what) => Error.NotFound($"{what}.not_found", $"No such {what.Replace('_', ' ')}.");

    /// <summary>The version the client read must still be current; EF's concurrency token covers the race after this check.</summary>
    public static Error? Stale(IVersioned entity, int expectedVersion, string what) =>
        entity.Version == expectedVersion ? null : ApiResults.StaleVersion(what.Replace('_', ' '));

    /// <summary>Adds a new record once its request is valid, and answers with its response.</summary>
    public static async Task<Result<TResponse>> CreateAsync<TEntity, TValid, TResponse>(
        TandemDb db, Result<TValid> valid, TEntity entity, Action<TEntity, TValid> apply, Func<TEntity, TResponse> respond, CancellationToken ct)
        where TEntity : class
    {
        if (!valid.IsSuccess)
        {
            return Result<TResponse>.Failure(valid.Errors);
        }

        apply(entity, valid.Value);
        db.Add(entity);
        await db.SaveChangesAsync(ct);
        return respond(entity);
    }

    /// <summary>Changes a record: 404 when it is not the caller's, 412 when their version is stale, else validates and saves.</summary>
    public static async Task<Result<TResponse>> UpdateAsync<TEntity, TValid, TResponse>(
        TandemDb db, TEntity? entity, int expectedVersion, string what,
        Func<TEntity, Task<Result<TValid>>> validate, Action<TEntity, TValid> apply, Func<TEntity, TResponse> respond, CancellationToken ct)
        where TEntity : class, IVersioned
    {
        if (entity is null)
        {
            return NotFound(what);
        }

        if (Stale(entity, expectedVersion, what) is { } stale)
        {
            return stale;
        }

        var valid = await validate(entity);
        if (!valid.IsSuccess)
        {
            return Result<TResponse>.Failure(valid.Errors);
        }

        apply(entity, valid.Value);
        await db.SaveChangesAsync(ct);
        return respond(entity);
    }

    /// <summary>Filters a list by free text on code and name and by active flag, ordered by code.</summary>
    public static IQueryable<T> Filter<T>(IQueryable<T> set, Guid companyId, string? q, bool? active)
        where T : class, ICompanyCoded, IActivatable
    {
        var query = set.Where(x => x.CompanyId == companyId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            query = query.Where(x => x.Code.ToUpper().Contains(term) || x.Name.ToUpper().Contains(term));
        }

        if (active is not null)
        {
            query = query.Where(x => x.IsActive == active);
        }

        return query.OrderBy(x => x.Code);
    }
}

public interface IActivatable
{
    string Name { get; }

    bool IsActive { get; }
}
