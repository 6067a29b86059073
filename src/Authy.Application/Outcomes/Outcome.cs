namespace Authy.Application.Errors;

/// <summary>The result of a use case: a value, or an expected <see cref="AuthyError"/>.</summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, AuthyError? error)
    {
        _value = value;
        Error = error;
    }

    public AuthyError? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("A failed outcome has no value.");

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(AuthyError error) => new(default, error);
}
