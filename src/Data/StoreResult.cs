namespace Djinn.Data;

/// <summary>Outcome of a store operation that can fail for an expected reason.</summary>
public enum StoreStatus
{
    /// <summary>It worked.</summary>
    Ok,

    /// <summary>The function (or the item inside it) does not exist.</summary>
    NotFound,

    /// <summary>It clashes with existing data (duplicate name or route).</summary>
    Conflict,

    /// <summary>The input is not acceptable; see the error text.</summary>
    Invalid,
}

/// <summary>A value or the reason there is none.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Status">What happened.</param>
/// <param name="Value">The value when <see cref="Status"/> is <see cref="StoreStatus.Ok"/>.</param>
/// <param name="Error">A human-readable reason otherwise.</param>
public readonly record struct StoreResult<T>(StoreStatus Status, T? Value, string? Error = null)
{
    /// <summary>A success.</summary>
    public static StoreResult<T> Ok(T value) => new(StoreStatus.Ok, value);

    /// <summary>A failure.</summary>
    public static StoreResult<T> Fail(StoreStatus status, string error) => new(status, default, error);
}
