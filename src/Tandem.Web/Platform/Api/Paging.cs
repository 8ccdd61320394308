using Microsoft.EntityFrameworkCore;
using Tandem.Domain;

namespace Tandem.Web.Platform.Api;

/// <summary>Every list is paged: ?page=1&amp;pageSize=50 (max 200). The response says how many there are in all.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public sealed record PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 200;

    public static Result<PageRequest> From(int? page, int? pageSize)
    {
        var v = new Validator();
        if (page is not null)
        {
            v.Range(page, "page", 1, 1_000_000);
        }

        if (pageSize is not null)
        {
            v.Range(pageSize, "pageSize", 1, MaxPageSize);
        }

        return v.ToResult(() => new PageRequest(page ?? 1, pageSize ?? 50));
    }

    /// <summary>Validates ?page and ?pageSize, then reads that page of an ordered query and the total count.</summary>
    public static async Task<Result<Paged<TOut>>> ListAsync<TIn, TOut>(
        int? page, int? pageSize, IQueryable<TIn> ordered, Func<TIn, TOut> map, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        var request = From(page, pageSize);
        if (!request.IsSuccess)
        {
            return Result<Paged<TOut>>.Failure(request.Errors);
        }

        var (p, size) = (request.Value.Page, request.Value.PageSize);
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<TOut>(items.Select(map).ToList(), p, size, total);
    }
}
