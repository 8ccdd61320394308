using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Api;

/// <summary>A POST's outcome remembered under its Idempotency-Key, per caller.</summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; }

    /// <summary>Who sent it (user id); the same key from another user is a different record.</summary>
    public string Owner { get; set; } = "";

    public string Key { get; set; } = "";

    public string RequestHash { get; set; } = "";

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[]? Body { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.Property(x => x.Owner).HasMaxLength(64);
        builder.Property(x => x.Key).HasMaxLength(200);
        builder.Property(x => x.RequestHash).HasMaxLength(64);
        builder.Property(x => x.ContentType).HasMaxLength(200);
        builder.Property(x => x.Location).HasMaxLength(500);
        builder.Property(x => x.ETag).HasMaxLength(100);
        builder.HasIndex(x => new { x.Owner, x.Key }).IsUnique();
        builder.HasIndex(x => x.CreatedAtUtc);
    }
}

/// <summary>
/// Honours Idempotency-Key on every authenticated POST under /api: the first request claims the key with a row
/// (unique per caller — a database constraint, so it also holds across instances), its response is stored, and a
/// repeat with the same body gets the same response without running again. The same key with another body is 422;
/// a repeat while the first is still running is 409. 5xx outcomes release the key so the client can retry.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext http, IServiceScopeFactory scopes, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(clock);
        var key = http.Request.Headers[Header].ToString();
        var owner = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!HttpMethods.IsPost(http.Request.Method) || key.Length == 0 || owner is null
            || !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(http);
            return;
        }

        if (key.Length > MaxKeyLength)
        {
            await WriteProblem(http, Problems.Create(400, "idempotency_key_invalid", $"{Header} must be at most {MaxKeyLength} characters.", Header));
            return;
        }

        var hash = await HashRequestAsync(http.Request);
        var claimed = await TryClaimAsync(scopes, owner, key, hash, clock.GetUtcNow().UtcDateTime);
        if (claimed is not null)
        {
            await ReplayOrRefuseAsync(http, claimed, hash);
            return;
        }

        var originalBody = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            await ReleaseAsync(scopes, owner, key);
            throw;
        }
        finally
        {
            http.Response.Body = originalBody;
        }

        if (http.Response.StatusCode >= 500)
        {
            await ReleaseAsync(scopes, owner, key);
        }
        else
        {
            await CompleteAsync(scopes, owner, key, http.Response, buffer.ToArray());
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, http.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Returns null when this request now owns the key, else the existing record.</summary>
    private static async Task<IdempotencyRecord?> TryClaimAsync(IServiceScopeFactory scopes, string owner, string key, string hash, DateTime nowUtc)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TandemDb>();
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Id = Ids.New(nowUtc),
            Owner = owner,
            Key = key,
            RequestHash = hash,
            CreatedAtUtc = nowUtc,
        });
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException e) when (ExceptionProblems.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Owner == owner && r.Key == key);
        }
    }

    private static async Task ReplayOrRefuseAsync(HttpContext http, IdempotencyRecord record, string hash)
    {
        if (!string.Equals(record.RequestHash, hash, StringComparison.Ordinal))
        {
            await WriteProblem(http, Problems.Create(422, "idempotency_key_reused", $"This {Header} was already used for a different request.", Header));
            return;
        }

        if (record.StatusCode is null)
        {
            await WriteProblem(http, Problems.Create(409, "idempotency_in_progress", $"A request with this {Header} is still being processed. Retry shortly.", Header));
            return;
        }

        http.Response.StatusCode = record.StatusCode.Value;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.ContentType is not null)
        {
            http.Response.ContentType = record.ContentType;
        }

        if (record.Location is not null)
        {
            http.Response.Headers.Location = record.Location;
        }

        if (record.ETag is not null)
        {
            http.Response.Headers.ETag = record.ETag;
        }

        if (record.Body is { Length: > 0 })
        {
            await http.Response.Body.WriteAsync(record.Body);
        }
    }

    private static async Task CompleteAsync(IServiceScopeFactory scopes, string owner, string key, HttpResponse response, byte[] body)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TandemDb>();
        var record = await db.IdempotencyRecords.SingleAsync(r => r.Owner == owner && r.Key == key);
        record.StatusCode = response.StatusCode;
        record.ContentType = response.ContentType;
        record.Location = response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
        record.ETag = response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null;
        record.Body = body;
        await db.SaveChangesAsync();
    }

    private static async Task ReleaseAsync(IServiceScopeFactory scopes, string owner, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TandemDb>();
        await db.IdempotencyRecords.Where(r => r.Owner == owner && r.Key == key).ExecuteDeleteAsync();
    }

    private static async Task WriteProblem(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? 400;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
