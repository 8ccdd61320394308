namespace Tandem.Domain;

/// <summary>What kind of expected failure this is; the web layer maps each kind to one HTTP status, in one place.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    PreconditionFailed,
    PreconditionRequired,
}

/// <summary>
/// An expected failure as a value: a stable machine code ("department.code_taken"), a sentence for people,
/// and the field it is about (JSON path, camelCase), if any.
/// </summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, string? Field = null)
{
    public static Error Validation(string code, string message, string? field = null) => new(ErrorKind.Validation, code, message, field);

    public static Error NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static Error Conflict(string code, string message, string? field = null) => new(ErrorKind.Conflict, code, message, field);

    public static Error Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);

    public static Error PreconditionFailed(string code, string message) => new(ErrorKind.PreconditionFailed, code, message);

    public static Error PreconditionRequired(string code, string message) => new(ErrorKind.PreconditionRequired, code, message);
}
