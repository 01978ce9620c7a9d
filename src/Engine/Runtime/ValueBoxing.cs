namespace Djinn.Engine.Runtime;

/// <summary>Checks boxed values crossing the host boundary against their value type.</summary>
internal static class ValueBoxing
{
    public static object? Coerce(ValueKind kind, object? value) => kind switch
    {
        ValueKind.I32 when value is int => value,
        ValueKind.I32 when value is uint u => unchecked((int)u),
        ValueKind.I64 when value is long => value,
        ValueKind.I64 when value is ulong u => unchecked((long)u),
        ValueKind.I64 when value is int i => (long)i,
        ValueKind.F32 when value is float => value,
        ValueKind.F64 when value is double => value,
        ValueKind.V128 when value is V128 => value,
        ValueKind.FuncRef when value is null or Function => value,
        ValueKind.ExternRef => value,
        _ => throw new ArgumentException($"a {value?.GetType().Name ?? "null"} cannot be passed as {kind.ToText()}"),
    };
}
