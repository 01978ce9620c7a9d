using System.Globalization;
using Djinn.Engine;
using Djinn.Engine.Text;

namespace Djinn.Cli.Wast;

/// <summary>
/// Converts script constants to the engine's boxed values and describes values for failure messages.
/// Boxing follows <see cref="Function"/>: i32 <see cref="int"/>, i64 <see cref="long"/>, f32 <see cref="float"/>,
/// f64 <see cref="double"/>, v128 <see cref="V128"/>, funcref <see cref="Function"/> or null,
/// externref any object (here <see cref="HostReference"/>) or null.
/// </summary>
internal static class WastValues
{
    /// <summary>Boxes a constant argument, keeping float bits (NaN payloads included) exactly.</summary>
    public static object? ToObject(WastValue value) => value.Kind switch
    {
        ValueKind.I32 => (int)(uint)value.Low,
        ValueKind.I64 => (long)value.Low,
        ValueKind.F32 => BitConverter.Int32BitsToSingle((int)(uint)value.Low),
        ValueKind.F64 => BitConverter.Int64BitsToDouble((long)value.Low),
        ValueKind.V128 => new V128(value.Low, value.High),
        ValueKind.ExternRef => value.IsNull ? null : new HostReference(value.Low),
        ValueKind.FuncRef => value.IsNull
            ? null
            : throw new NotSupportedException("a non-null funcref cannot be written as a script constant"),
        _ => throw new NotSupportedException($"unknown value kind {value.Kind}"),
    };

    /// <summary>Boxes every argument of an action.</summary>
    public static object?[] ToObjects(IReadOnlyList<WastValue> values)
    {
        var boxed = new object?[values.Count];
        for (int i = 0; i < boxed.Length; i++) boxed[i] = ToObject(values[i]);
        return boxed;
    }

    /// <summary>Describes a boxed value as the engine returned it, e.g. <c>i32:42</c> or <c>f32:nan (0x7fc00000)</c>.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        int i => $"i32:{i.ToString(CultureInfo.InvariantCulture)}",
        long l => $"i64:{l.ToString(CultureInfo.InvariantCulture)}",
        float f => $"f32:{FormatFloat(f)} (0x{(uint)BitConverter.SingleToInt32Bits(f):x8})",
        double d => $"f64:{FormatFloat(d)} (0x{(ulong)BitConverter.DoubleToInt64Bits(d):x16})",
        V128 v => $"v128:0x{v.High:x16}{v.Low:x16}",
        HostReference h => h.ToString(),
        Function => "ref.func",
        _ => $"{value.GetType().Name}:{value}",
    };

    /// <summary>Describes an expected result, e.g. <c>i32:42</c>, <c>f64:nan:canonical</c> or <c>i16x8:[1 2 ...]</c>.</summary>
    public static string Describe(WastExpected expected) => expected.Kind switch
    {
        WastExpectedKind.Exact when expected.Value is not null => DescribeConstant(expected.Value),
        WastExpectedKind.Exact => $"{expected.Type.ToText()}:?",
        WastExpectedKind.CanonicalNan => $"{expected.Type.ToText()}:nan:canonical",
        WastExpectedKind.ArithmeticNan => $"{expected.Type.ToText()}:nan:arithmetic",
        WastExpectedKind.AnyFuncRef => "ref.func",
        WastExpectedKind.AnyExternRef => "ref.extern",
        WastExpectedKind.Lanes => $"{expected.LaneShape}:[{string.Join(' ', (expected.Lanes ?? []).Select(DescribeLane))}]",
        _ => expected.Kind.ToString(),
    };

    /// <summary>Describes a script constant.</summary>
    public static string DescribeConstant(WastValue value) => value.Kind switch
    {
        ValueKind.FuncRef => value.IsNull ? "ref.null func" : "ref.func",
        ValueKind.ExternRef when value.IsNull => "ref.null extern",
        _ => Describe(ToObject(value)),
    };


    private static string DescribeLane(WastExpected lane) => lane.Kind switch
    {
        WastExpectedKind.CanonicalNan => "nan:canonical",
        WastExpectedKind.ArithmeticNan => "nan:arithmetic",
        _ => lane.Value is null ? "?" : $"0x{lane.Value.Low:x}",
    };

    private static string FormatFloat(double value) =>
        double.IsNaN(value) ? (BitConverter.DoubleToInt64Bits(value) < 0 ? "-nan" : "nan") : value.ToString("R", CultureInfo.InvariantCulture);

    private static string FormatFloat(float value) =>
        float.IsNaN(value) ? (BitConverter.SingleToInt32Bits(value) < 0 ? "-nan" : "nan") : value.ToString("R", CultureInfo.InvariantCulture);
}
