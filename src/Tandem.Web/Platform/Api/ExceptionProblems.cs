using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tandem.Web.Platform.Api;

/// <summary>
/// Turns the exceptions that reach the top into problem details. Malformed JSON and races on unique keys or
/// versions are the client's 4xx; anything else is a bug: logged, and a 500 without internals.
/// </summary>
public sealed class ExceptionProblems(IProblemDetailsService problems, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException bad => Problems.Create(bad.StatusCode, "bad_request", bad.Message),
            DbUpdateConcurrencyException => Problems.Create(412, "stale_version", "The record was changed by someone else since you read it. Reload and try again."),
            DbUpdateException db when IsUniqueViolation(db) => Problems.Create(409, "duplicate", "A record with the same unique value already exists."),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Create(500, "internal_error", "Something went wrong on our side. The error has been logged.");
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private static Microsoft.AspNetCore.Mvc.ProblemDetails FromJson(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        var detail = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"Unknown field '{field}'."
            : field.Length == 0
                ? "The body is not valid JSON: " + FirstSentence(json.Message)
                : $"'{field}' has the wrong type or format: " + FirstSentence(json.Message);
        return Problems.Create(400, "invalid_json", detail, field.Length == 0 ? "$" : field);
    }

    private static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] + "." : message;
    }
}
