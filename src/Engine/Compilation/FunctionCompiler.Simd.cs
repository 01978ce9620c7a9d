using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Compilation;

/// <summary>
/// SIMD (v128) instructions (https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions).
/// A v128 is a <see cref="Vector128{T}"/> of bytes on the IL stack and in slots. Instructions with a one-intrinsic
/// form (<see cref="SimdIntrinsics"/>) call that intrinsic directly; the rest call the <see cref="RuntimeOps"/> method
/// of the same name as their <see cref="Opcode"/>, small aggressively inlined wrappers over <c>System.Runtime.Intrinsics</c>.
/// Loads and stores (<c>FunctionCompiler.SimdMemory.cs</c>), lane access, v128.const and, with SSSE3,
/// i8x16.shuffle are emitted in line.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private bool TryEmitSimd(in Instruction ins)
    {
        var op = ins.Opcode;
        if (op < Opcode.SimdPrefix) return false;
        switch (op)
        {
            case Opcode.V128Const:
                EmitV128Bits(ins.C, ins.D);
                Push(K.V128);
                _foldableConstant[_count - 1] = HasFoldableFloatLane(ins.C, ins.D);
                return true;
            case Opcode.I8x16Shuffle when System.Runtime.Intrinsics.X86.Ssse3.IsSupported:
                EmitConstantShuffle(ins.C, ins.D);
                return true;
            case Opcode.I8x16Shuffle:
                Need(2);
                EmitV128Bits(ins.C, ins.D);
                _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.I8x16Shuffle)));
                Pop(2);
                Push(K.V128);
                return true;
        }
        if (TryEmitSimdMemoryDirect(ins)) return true; // every load and store
        bool strict = IsFloatArithmetic(op) && (_foldableConstant[_count - 1] || _foldableConstant[_count - 2]);
        if (!strict && TryEmitSimdDirect(op)) return true;
        if (IsLaneAccess(op))
        {
            EmitLaneAccess(op, (int)ins.A);
            return true;
        }
        if (!SimdOps.TryGet(op, out var method)) return false;
        var ps = method.GetParameters();
        bool foldable = false;
        if (strict)
            method = Ops.Get(method.Name + "Strict");
        else if (op is Opcode.F32x4Splat or Opcode.F64x2Splat)
            foldable = _foldableConstant[_count - 1];
        Need(ps.Length);
        _m.EmitCall(_il, method);
        Pop(ps.Length);
        Push(ScalarKind(method.ReturnType));
        _foldableConstant[_count - 1] = foldable;
        return true;
    }

    /// <summary>
    /// True when some f32 or f64 view of a constant's lanes is ±0, ±1 or NaN: operands RyuJIT may fold
    /// (x + -0, x * 1, x + NaN) without quieting a signalling NaN, so float arithmetic on them is not inlined.
    /// </summary>
    private static bool HasFoldableFloatLane(ulong low, ulong high)
    {
        foreach (ulong half in (ReadOnlySpan<ulong>)[low, high])
        {
            double d = BitConverter.UInt64BitsToDouble(half);
            if (double.IsNaN(d) || d is 0d or 1d or -1d) return true;
            foreach (uint word in (ReadOnlySpan<uint>)[(uint)half, (uint)(half >> 32)])
            {
                float f = BitConverter.UInt32BitsToSingle(word);
                if (float.IsNaN(f) || f is 0f or 1f or -1f) return true;
            }
        }
        return false;
    }

    private static bool IsSimdMemory(Opcode op) =>
        op is >= Opcode.V128Load and <= Opcode.V128Store or >= Opcode.V128Load8Lane and <= Opcode.V128Load64Zero;

    /// <summary>
    /// extract_lane / replace_lane as GetElement / WithElement on the vector reinterpreted to the lane type
    /// (raw lane bits, so float NaN payloads are untouched; i8/i16 extract_s sign-extends through sbyte/short).
    /// </summary>
    private void EmitLaneAccess(Opcode op, int lane)
    {
        var (element, replace) = op switch
        {
            Opcode.I8x16ExtractLaneS => (typeof(sbyte), false),
            Opcode.I8x16ExtractLaneU => (typeof(byte), false),
            Opcode.I8x16ReplaceLane => (typeof(byte), true),
            Opcode.I16x8ExtractLaneS => (typeof(short), false),
            Opcode.I16x8ExtractLaneU => (typeof(ushort), false),
            Opcode.I16x8ReplaceLane => (typeof(ushort), true),
            Opcode.I32x4ExtractLane => (typeof(int), false),
            Opcode.I32x4ReplaceLane => (typeof(int), true),
            Opcode.I64x2ExtractLane => (typeof(long), false),
            Opcode.I64x2ReplaceLane => (typeof(long), true),
            Opcode.F32x4ExtractLane => (typeof(float), false),
            Opcode.F32x4ReplaceLane => (typeof(float), true),
            Opcode.F64x2ExtractLane => (typeof(double), false),
            _ => (typeof(double), true),
        };
        var scalar = ScalarKind(element);
        Need(replace ? 2 : 1);
        LocalBuilder? value = null;
        if (replace)
        {
            value = Temp(scalar, ArgumentTemp + 1);
            _il.Emit(OpCodes.Stloc, value);
        }
        if (element != typeof(byte)) _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(typeof(byte), element));
        _il.Emit(OpCodes.Ldc_I4, lane);
        if (replace)
        {
            _il.Emit(OpCodes.Ldloc, value!);
            _m.EmitCall(_il, s_withElement.MakeGenericMethod(element));
            if (element != typeof(byte)) _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(element, typeof(byte)));
            Pop(2);
            Push(K.V128);
        }
        else
        {
            _m.EmitCall(_il, s_getElement.MakeGenericMethod(element));
            Pop(1);
            Push(scalar);
        }
    }

    private static bool IsLaneAccess(Opcode op) => op is >= Opcode.I8x16ExtractLaneS and <= Opcode.F64x2ReplaceLane;

    private static bool IsFloatArithmetic(Opcode op) =>
        op is Opcode.F32x4Add or Opcode.F32x4Sub or Opcode.F32x4Mul or Opcode.F32x4Div
            or Opcode.F64x2Add or Opcode.F64x2Sub or Opcode.F64x2Mul or Opcode.F64x2Div;

    /// <summary>The runtime op of each SIMD opcode, found by name once.</summary>
    private static class SimdOps
    {
        private static readonly Dictionary<Opcode, MethodInfo> s_methods = Build();

        public static bool TryGet(Opcode op, out MethodInfo method) => s_methods.TryGetValue(op, out method!);

        private static Dictionary<Opcode, MethodInfo> Build()
        {
            var map = new Dictionary<Opcode, MethodInfo>();
            // By name, not value: SimdPrefix and V128Load share a value.
            foreach (var name in Enum.GetNames<Opcode>())
            {
                var op = Enum.Parse<Opcode>(name);
                if (op >= Opcode.SimdPrefix && Ops.TryGet(name, out var method)) map[op] = method;
            }
            return map;
        }
    }
}
