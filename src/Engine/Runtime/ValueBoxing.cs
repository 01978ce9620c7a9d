namespace Djinn.Engine.Runtime;

internal static class ValueBoxing
{
    public static object? Coerce(ValueKind kind, object? value) => value;
}
