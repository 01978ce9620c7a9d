using Djinn.Engine.Runtime;

namespace Djinn.Engine;

/// <summary>
/// A global variable (https://webassembly.github.io/spec/core/exec/runtime.html#global-instances).
/// Numbers are held as raw bits so NaN payloads survive; references in <see cref="Ref"/>.
/// </summary>
public sealed class Global
{
    /// <summary>Raw bits of a numeric value (i32 zero-extended, f32/f64 as their IEEE bits). Read by compiled code.</summary>
    internal ulong Bits;

    /// <summary>The upper 64 bits of a v128 value.</summary>
    internal ulong HighBits;

    /// <summary>The value of a reference-typed global. Read by compiled code.</summary>
    internal object? Ref;

    /// <summary>Creates a global holding <paramref name="value"/> (boxed int, long, float, double, V128, or a reference).</summary>
    public Global(Store store, ValueKind kind, bool mutable, object? value)
        : this(new GlobalType(kind, mutable))
    {
        _ = store;
        SetValueUnchecked(value);
    }

    internal Global(GlobalType type)
    {
        Type = type;
    }

    /// <summary>The type.</summary>
    public GlobalType Type { get; }

    /// <summary>The current value, boxed as in <see cref="Function.Invoke"/>.</summary>
    public object? Value
    {
        get => Type.ValueType switch
        {
            ValueKind.I32 => (int)Bits,
            ValueKind.I64 => (long)Bits,
            ValueKind.F32 => BitConverter.Int32BitsToSingle((int)Bits),
            ValueKind.F64 => BitConverter.Int64BitsToDouble((long)Bits),
            ValueKind.V128 => new V128(Bits, HighBits),
            _ => Ref,
        };
        set
        {
            if (!Type.Mutable) throw new InvalidOperationException("global is immutable");
            SetValueUnchecked(value);
        }
    }

    internal void SetValueUnchecked(object? value)
    {
        switch (Type.ValueType)
        {
            case ValueKind.I32: Bits = (uint)Convert.ToInt32(value); break;
            case ValueKind.I64: Bits = (ulong)Convert.ToInt64(value); break;
            case ValueKind.F32: Bits = (uint)BitConverter.SingleToInt32Bits((float)value!); break;
            case ValueKind.F64: Bits = (ulong)BitConverter.DoubleToInt64Bits((double)value!); break;
            case ValueKind.V128:
                var v = value is System.Runtime.Intrinsics.Vector128<byte> vector ? RuntimeOps.FromVector(vector) : (V128)value!;
                Bits = v.Low;
                HighBits = v.High;
                break;
            default: Ref = value; break;
        }
    }
}

/// <summary>A 128-bit vector value as two little-endian halves.</summary>
public readonly record struct V128(ulong Low, ulong High);
