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

    public async Task<Paged<TOut>> ApplyAsync<TIn, TOut>(IQueryable<TIn> ordered, Func<TIn, TOut> map, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip((Page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Paged<TOut>(items.Select(map).ToList(), Page, PageSize, total);
    }
}
