namespace Tandem.Domain;

/// <summary>Either a value or one or more errors (several for form validation). No exceptions for expected outcomes.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Errors = [];
    }

    private Result(IReadOnlyList<Error> errors)
    {
        _value = default;
        Errors = errors;
    }

    public IReadOnlyList<Error> Errors { get; }

    public bool IsSuccess => Errors is { Count: 0 };

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("Result has no value: " + Errors[0].Message);

    public Error FirstError => IsSuccess ? throw new InvalidOperationException("Result has no error.") : Errors[0];

    public static Result<T> Success(T value) => new(value);

    public static Result<T> Failure(IReadOnlyList<Error> errors) =>
        errors is { Count: > 0 } ? new(errors) : throw new ArgumentException("A failure needs at least one error.", nameof(errors));

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new([error]);

    public Result<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsSuccess ? map(Value) : Result<TOut>.Failure(Errors);
    }

    /// <summary>The next step when this one succeeded; otherwise these errors.</summary>
    public async Task<Result<TOut>> BindAsync<TOut>(Func<T, Task<Result<TOut>>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? await next(Value).ConfigureAwait(false) : Result<TOut>.Failure(Errors);
    }
}
