using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Compilation;

/// <summary>
/// SIMD instructions emitted as direct calls to JIT intrinsics (<see cref="Vector128"/>, <see cref="Sse2"/>, ...)
/// rather than to <see cref="RuntimeOps"/> wrappers. Intrinsics are expanded by RyuJIT without inlining, so they
/// stay vector instructions even in huge guest functions where the JIT has stopped inlining (its budget, or its
/// limit on locals, runs out). Only operations whose intrinsic has exactly the WebAssembly semantics are listed;
/// hardware-specific ones only when the hardware has them (checked when the module is compiled).
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly MethodInfo s_asDefinition = typeof(Vector128).GetMethods()
        .Single(m => m.Name == nameof(Vector128.As) && m.GetGenericArguments().Length == 2);

    private static readonly MethodInfo s_createFromHalves = typeof(Vector128).GetMethod(nameof(Vector128.Create), [typeof(long), typeof(long)])!;

    /// <summary>First temp number used for reordering intrinsic arguments (others use small numbers).</summary>
    private const int ArgumentTemp = 300;

    /// <summary>Emits <paramref name="op"/> as one intrinsic call when it has a direct form.</summary>
    private bool TryEmitSimdDirect(Opcode op)
    {
        if (!SimdIntrinsics.TryGet(op, out var entry)) return false;
        int pops = entry.Method.GetParameters().Length;
        Need(pops);
        if (entry.CountMask != 0)
        {
            _il.Emit(OpCodes.Ldc_I4, entry.CountMask);
            _il.Emit(OpCodes.And);
        }
        EmitReinterpretedArguments(entry.Method.GetParameters());
        _m.EmitCall(_il, entry.Method);
        var ret = entry.Method.ReturnType;
        if (IsVector(ret, out var lane) && lane != typeof(byte)) _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(lane, typeof(byte)));
        Pop(pops);
        Push(ScalarKind(ret));
        return true;
    }

    /// <summary>
    /// The arguments are on the IL stack as Vector128&lt;byte&gt; (and scalars); reinterprets each vector to the lane
    /// type the intrinsic takes. Arguments above the deepest one that needs it go through temps.
    /// </summary>
    private void EmitReinterpretedArguments(ParameterInfo[] ps)
    {
        int first = -1;
        for (int i = 0; i < ps.Length; i++)
        {
            if (IsVector(ps[i].ParameterType, out var lane) && lane != typeof(byte))
            {
                first = i;
                break;
            }
        }
        if (first < 0) return;
        for (int i = ps.Length - 1; i > first; i--) _il.Emit(OpCodes.Stloc, Temp(ScalarKind(ps[i].ParameterType), ArgumentTemp + i));
        for (int i = first; i < ps.Length; i++)
        {
            if (i > first) _il.Emit(OpCodes.Ldloc, Temp(ScalarKind(ps[i].ParameterType), ArgumentTemp + i));
            if (IsVector(ps[i].ParameterType, out var lane) && lane != typeof(byte))
                _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(typeof(byte), lane));
        }
    }

    private static bool IsVector(Type t, out Type lane)
    {
        bool vector = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Vector128<>);
        lane = vector ? t.GetGenericArguments()[0] : typeof(void);
        return vector;
    }

    /// <summary>The WebAssembly type that carries a CLR value of <paramref name="t"/>.</summary>
    private static K ScalarKind(Type t)
    {
        if (IsVector(t, out _)) return K.V128;
        if (t == typeof(long) || t == typeof(ulong)) return K.I64;
        if (t == typeof(float)) return K.F32;
        if (t == typeof(double)) return K.F64;
        return K.I32;
    }

    private static readonly MethodInfo s_pshufb = typeof(Ssse3).GetMethod(nameof(Ssse3.Shuffle), [typeof(Vector128<byte>), typeof(Vector128<byte>)])!;
    private static readonly MethodInfo s_or = typeof(Vector128).GetMethods()
        .Single(m => m.Name == nameof(Vector128.BitwiseOr) && m.IsGenericMethodDefinition).MakeGenericMethod(typeof(byte));

    /// <summary>
    /// i8x16.shuffle with its pattern known at compile time: two pshufb with constant masks, one picking the lanes
    /// taken from a, the other those taken from b (0x80 zeroes a lane), ORed together.
    /// </summary>
    private void EmitConstantShuffle(ulong low, ulong high)
    {
        Need(2);
        ulong aLow = 0, aHigh = 0, bLow = 0, bHigh = 0;
        for (int i = 0; i < 16; i++)
        {
            ulong index = ((i < 8 ? low : high) >> (i % 8 * 8)) & 0xFF;
            ulong fromA = index < 16 ? index : 0x80;
            ulong fromB = index >= 16 ? index - 16 : 0x80;
            int shift = i % 8 * 8;
            if (i < 8)
            {
                aLow |= fromA << shift;
                bLow |= fromB << shift;
            }
            else
            {
                aHigh |= fromA << shift;
                bHigh |= fromB << shift;
            }
        }
        var b = Temp(K.V128, ArgumentTemp);
        _il.Emit(OpCodes.Stloc, b);
        EmitV128Bits(aLow, aHigh);
        _m.EmitCall(_il, s_pshufb);
        _il.Emit(OpCodes.Ldloc, b);
        EmitV128Bits(bLow, bHigh);
        _m.EmitCall(_il, s_pshufb);
        _m.EmitCall(_il, s_or);
        Pop(2);
        Push(K.V128);
    }

    /// <summary>Pushes a v128 given as two little-endian 64-bit halves.</summary>
    private void EmitV128Bits(ulong low, ulong high)
    {
        _il.Emit(OpCodes.Ldc_I8, (long)low);
        _il.Emit(OpCodes.Ldc_I8, (long)high);
        _m.EmitCall(_il, s_createFromHalves);
        _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(typeof(long), typeof(byte)));
    }
}
