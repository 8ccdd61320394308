using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// Counts the SQL statements each HTTP request runs and reports them in its <c>Server-Timing</c> header
/// (<c>sql;desc="12 statements: 9 reads, 3 writes"</c>), so anyone can see — and benchmarks can print — what an operation costs the
/// database. Statements outside a request (jobs) are not counted.
/// </summary>
public sealed class StatementCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    private sealed class Tally
    {
        public int Reads;

        public int Writes;
    }

    /// <summary>Starts counting for a request and writes the header when its response starts.</summary>
    public static Task CountAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var tally = new Tally();
        context.Features.Set(tally);
        context.Response.OnStarting(() =>
        {
            var (reads, writes) = (Volatile.Read(ref tally.Reads), Volatile.Read(ref tally.Writes));
            context.Response.Headers.Append("Server-Timing", $"sql;desc=\"{reads + writes} statements: {reads} reads, {writes} writes\"");
            return Task.CompletedTask;
        });
        return next();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command);
        return base.ScalarExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <summary>A write run outside EF's command pipeline (<see cref="BulkInsert"/>'s COPY and prepared rows), counted for the current request.</summary>
    public static void CountWrite()
    {
        if (new HttpContextAccessor().HttpContext?.Features.Get<Tally>() is { } tally)
        {
            Interlocked.Increment(ref tally.Writes);
        }
    }

    private void Count(DbCommand command)
    {
        if (http.HttpContext?.Features.Get<Tally>() is { } tally)
        {
            var text = command.CommandText.AsSpan().TrimStart();
            var read = text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase);
            Interlocked.Increment(ref read ? ref tally.Reads : ref tally.Writes);
        }
    }
}
