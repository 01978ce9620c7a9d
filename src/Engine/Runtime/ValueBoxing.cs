namespace Djinn.Engine.Runtime;

/// <summary>
/// Checks boxed values crossing the host boundary against their value type, and converts v128 between its public
/// form <see cref="V128"/> and its compiled-code form <see cref="System.Runtime.Intrinsics.Vector128{T}"/> of bytes.
/// </summary>
internal static class ValueBoxing
{
    /// <summary>The public form of a boxed result from compiled code: a v128 becomes a <see cref="V128"/>.</summary>
    public static object? ToPublic(object? value) =>
        value is System.Runtime.Intrinsics.Vector128<byte> v ? RuntimeOps.FromVector(v) : value;

    public static object? Coerce(ValueKind kind, object? value) => kind switch
    {
        ValueKind.I32 when value is int => value,
        ValueKind.I32 when value is uint u => unchecked((int)u),
        ValueKind.I64 when value is long => value,
        ValueKind.I64 when value is ulong u => unchecked((long)u),
        ValueKind.I64 when value is int i => (long)i,
        ValueKind.F32 when value is float => value,
        ValueKind.F64 when value is double => value,
        ValueKind.V128 when value is V128 v => RuntimeOps.ToVector(v),
        ValueKind.V128 when value is System.Runtime.Intrinsics.Vector128<byte> => value,
        ValueKind.FuncRef when value is null or Function => value,
        ValueKind.ExternRef => value,
        _ => throw new ArgumentException($"a {value?.GetType().Name ?? "null"} cannot be passed as {kind.ToText()}"),
    };
}
