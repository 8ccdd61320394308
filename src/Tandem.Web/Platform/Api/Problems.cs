using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tandem.Domain;

namespace Tandem.Web.Platform.Api;

/// <summary>
/// The one mapping from typed errors to RFC 9457 problem details (ADR 0005). Validation errors carry
/// <c>errors</c> keyed by field (camelCase JSON path); every problem carries a stable <c>code</c>.
/// </summary>
public static class Problems
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemHttpResult From(IReadOnlyList<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors[0];
        var status = StatusOf(first.Kind);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleOf(status),
            Detail = errors.Count == 1 ? first.Message : string.Join(" ", errors.Select(e => e.Message)),
            Type = $"https://tandem.dev/problems/{first.Code}",
        };
        problem.Extensions["code"] = first.Code;
        var fieldErrors = errors.Where(e => e.Field is not null)
            .GroupBy(e => e.Field!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        if (fieldErrors.Count > 0)
        {
            problem.Extensions["errors"] = fieldErrors;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult From(Error error) => From([error]);

    public static ProblemDetails Create(int status, string code, string detail, string? field = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleOf(status),
            Detail = detail,
            Type = $"https://tandem.dev/problems/{code}",
        };
        problem.Extensions["code"] = code;
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [detail] };
        }

        return problem;
    }

    public static string TitleOf(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Sign-in required.",
        403 => "You are not allowed to do this.",
        404 => "Not found.",
        409 => "Conflict with the current state.",
        412 => "The resource changed since you read it.",
        413 => "The request is too large.",
        415 => "Unsupported media type.",
        422 => "The request cannot be processed.",
        428 => "A precondition header is required.",
        _ => "An unexpected error occurred.",
    };
}
