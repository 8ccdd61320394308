using System.Globalization;
using Tandem.Domain;

namespace Tandem.Web.Platform.Api;

/// <summary>A response that carries its version, sent as the ETag and expected back in If-Match on updates.</summary>
public interface IVersionedResponse
{
    int Version { get; }
}

/// <summary>Turns handler results into HTTP results: success bodies with ETags, failures as problem details.</summary>
public static class ApiResults
{
    public static IResult ToOk<T>(this Result<T> result, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Errors);
        }

        SetETag(http, result.Value);
        return TypedResults.Ok(result.Value);
    }

    public static IResult ToCreated<T>(this Result<T> result, HttpContext http, Func<T, string> location)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(location);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Errors);
        }

        SetETag(http, result.Value);
        return TypedResults.Created(location(result.Value), result.Value);
    }

    public static IResult ToNoContent<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.NoContent() : Problems.From(result.Errors);

    /// <summary>Runs an update with the version from If-Match (428 without it) and maps the result.</summary>
    public static async Task<IResult> UpdateAsync<T>(HttpContext http, Func<int, Task<Result<T>>> update)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(update);
        var version = ExpectedVersion(http.Request);
        return version.IsSuccess ? (await update(version.Value)).ToOk(http) : Problems.From(version.Errors);
    }

    /// <summary>Reads If-Match: required on every update; a stale version later yields 412.</summary>
    public static Result<int> ExpectedVersion(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return Error.PreconditionRequired("if_match_required", "Send the resource's ETag in an If-Match header to update it.");
        }

        var raw = header.Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal))
        {
            raw = raw[2..];
        }

        raw = raw.Trim('"');
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : Error.Validation("if_match_invalid", "If-Match must be an ETag returned by this API, e.g. \"3\".", "If-Match");
    }

    public static Error StaleVersion(string what) =>
        Error.PreconditionFailed("stale_version", $"The {what} was changed by someone else since you read it. Reload and try again.");

    private static void SetETag<T>(HttpContext http, T value)
    {
        if (value is IVersionedResponse versioned)
        {
            http.Response.Headers.ETag = $"\"{versioned.Version.ToString(CultureInfo.InvariantCulture)}\"";
        }
    }
}
