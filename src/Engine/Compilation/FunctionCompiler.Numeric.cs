using System.Reflection.Emit;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Compilation;

/// <summary>Numeric instructions: plain IL opcodes where the semantics match, runtime ops where they don't
/// (https://webassembly.github.io/spec/core/exec/numerics.html).</summary>
internal sealed partial class FunctionCompiler
{
    private bool TryEmitNumeric(Opcode op)
    {
        switch (op)
        {
            // i32 comparisons
            case Opcode.I32Eqz: Need(1); _il.Emit(OpCodes.Ldc_I4_0); _il.Emit(OpCodes.Ceq); Pop(1); Push(K.I32); return true;
            case Opcode.I32Eq or Opcode.I64Eq or Opcode.F32Eq or Opcode.F64Eq: Compare(OpCodes.Ceq, false); return true;
            case Opcode.I32Ne or Opcode.I64Ne or Opcode.F32Ne or Opcode.F64Ne: Compare(OpCodes.Ceq, true); return true;
            case Opcode.I32LtS or Opcode.I64LtS or Opcode.F32Lt or Opcode.F64Lt: Compare(OpCodes.Clt, false); return true;
            case Opcode.I32LtU or Opcode.I64LtU: Compare(OpCodes.Clt_Un, false); return true;
            case Opcode.I32GtS or Opcode.I64GtS or Opcode.F32Gt or Opcode.F64Gt: Compare(OpCodes.Cgt, false); return true;
            case Opcode.I32GtU or Opcode.I64GtU: Compare(OpCodes.Cgt_Un, false); return true;
            case Opcode.I32LeS or Opcode.I64LeS: Compare(OpCodes.Cgt, true); return true;
            case Opcode.I32LeU or Opcode.I64LeU or Opcode.F32Le or Opcode.F64Le: Compare(OpCodes.Cgt_Un, true); return true;
            case Opcode.I32GeS or Opcode.I64GeS: Compare(OpCodes.Clt, true); return true;
            case Opcode.I32GeU or Opcode.I64GeU or Opcode.F32Ge or Opcode.F64Ge: Compare(OpCodes.Clt_Un, true); return true;
            case Opcode.I64Eqz: Need(1); _il.Emit(OpCodes.Ldc_I8, 0L); _il.Emit(OpCodes.Ceq); Pop(1); Push(K.I32); return true;

            // i32 arithmetic
            case Opcode.I32Add: Binary(OpCodes.Add, K.I32); return true;
            case Opcode.I32Sub: Binary(OpCodes.Sub, K.I32); return true;
            case Opcode.I32Mul: Binary(OpCodes.Mul, K.I32); return true;
            case Opcode.I32And: Binary(OpCodes.And, K.I32); return true;
            case Opcode.I32Or: Binary(OpCodes.Or, K.I32); return true;
            case Opcode.I32Xor: Binary(OpCodes.Xor, K.I32); return true;
            case Opcode.I32Shl: Shift(OpCodes.Shl, K.I32); return true;
            case Opcode.I32ShrS: Shift(OpCodes.Shr, K.I32); return true;
            case Opcode.I32ShrU: Shift(OpCodes.Shr_Un, K.I32); return true;
            case Opcode.I32DivS: Helper(nameof(RuntimeOps.DivS32), 2, K.I32); return true;
            case Opcode.I32DivU: UnsignedDivide(OpCodes.Div_Un, K.I32); return true;
            case Opcode.I32RemS: Helper(nameof(RuntimeOps.RemS32), 2, K.I32); return true;
            case Opcode.I32RemU: UnsignedDivide(OpCodes.Rem_Un, K.I32); return true;
            case Opcode.I32Rotl: Bcl(s_rotateLeft32, 2, K.I32); return true;
            case Opcode.I32Rotr: Bcl(s_rotateRight32, 2, K.I32); return true;
            case Opcode.I32Clz: Bcl(s_leadingZeros32, 1, K.I32); return true;
            case Opcode.I32Ctz: Bcl(s_trailingZeros32, 1, K.I32); return true;
            case Opcode.I32Popcnt: Bcl(s_popCount32, 1, K.I32); return true;

            // i64 arithmetic
            case Opcode.I64Add: Binary(OpCodes.Add, K.I64); return true;
            case Opcode.I64Sub: Binary(OpCodes.Sub, K.I64); return true;
            case Opcode.I64Mul: Binary(OpCodes.Mul, K.I64); return true;
            case Opcode.I64And: Binary(OpCodes.And, K.I64); return true;
            case Opcode.I64Or: Binary(OpCodes.Or, K.I64); return true;
            case Opcode.I64Xor: Binary(OpCodes.Xor, K.I64); return true;
            case Opcode.I64Shl: Shift(OpCodes.Shl, K.I64); return true;
            case Opcode.I64ShrS: Shift(OpCodes.Shr, K.I64); return true;
            case Opcode.I64ShrU: Shift(OpCodes.Shr_Un, K.I64); return true;
            case Opcode.I64DivS: Helper(nameof(RuntimeOps.DivS64), 2, K.I64); return true;
            case Opcode.I64DivU: UnsignedDivide(OpCodes.Div_Un, K.I64); return true;
            case Opcode.I64RemS: Helper(nameof(RuntimeOps.RemS64), 2, K.I64); return true;
            case Opcode.I64RemU: UnsignedDivide(OpCodes.Rem_Un, K.I64); return true;
            case Opcode.I64Rotl: Bcl(s_rotateLeft64, 2, K.I64); return true;
            case Opcode.I64Rotr: Bcl(s_rotateRight64, 2, K.I64); return true;
            case Opcode.I64Clz: Bcl(s_leadingZeros64, 1, K.I64); return true;
            case Opcode.I64Ctz: Bcl(s_trailingZeros64, 1, K.I64); return true;
            case Opcode.I64Popcnt: Bcl(s_popCount64, 1, K.I64); return true;

            // floats
            case Opcode.F32Add: FloatArithmetic(OpCodes.Add, K.F32, nameof(RuntimeOps.AddF32Strict)); return true;
            case Opcode.F32Sub: FloatArithmetic(OpCodes.Sub, K.F32, nameof(RuntimeOps.SubF32Strict)); return true;
            case Opcode.F32Mul: FloatArithmetic(OpCodes.Mul, K.F32, nameof(RuntimeOps.MulF32Strict)); return true;
            case Opcode.F32Div: FloatArithmetic(OpCodes.Div, K.F32, nameof(RuntimeOps.DivF32Strict)); return true;
            case Opcode.F64Add: FloatArithmetic(OpCodes.Add, K.F64, nameof(RuntimeOps.AddF64Strict)); return true;
            case Opcode.F64Sub: FloatArithmetic(OpCodes.Sub, K.F64, nameof(RuntimeOps.SubF64Strict)); return true;
            case Opcode.F64Mul: FloatArithmetic(OpCodes.Mul, K.F64, nameof(RuntimeOps.MulF64Strict)); return true;
            case Opcode.F64Div: FloatArithmetic(OpCodes.Div, K.F64, nameof(RuntimeOps.DivF64Strict)); return true;
            case Opcode.F32Min: Helper(nameof(RuntimeOps.MinF32), 2, K.F32); return true;
            case Opcode.F32Max: Helper(nameof(RuntimeOps.MaxF32), 2, K.F32); return true;
            case Opcode.F32Copysign: Helper(nameof(RuntimeOps.CopysignF32), 2, K.F32); return true;
            case Opcode.F64Min: Helper(nameof(RuntimeOps.MinF64), 2, K.F64); return true;
            case Opcode.F64Max: Helper(nameof(RuntimeOps.MaxF64), 2, K.F64); return true;
            case Opcode.F64Copysign: Helper(nameof(RuntimeOps.CopysignF64), 2, K.F64); return true;
            case Opcode.F32Abs: SignBit(OpCodes.And, K.F32); return true;
            case Opcode.F32Neg: SignBit(OpCodes.Xor, K.F32); return true;
            case Opcode.F32Ceil: Bcl(Math32(nameof(MathF.Ceiling)), 1, K.F32); return true;
            case Opcode.F32Floor: Bcl(Math32(nameof(MathF.Floor)), 1, K.F32); return true;
            case Opcode.F32Trunc: Bcl(Math32(nameof(MathF.Truncate)), 1, K.F32); return true;
            case Opcode.F32Nearest: Helper(nameof(RuntimeOps.NearestF32), 1, K.F32); return true;
            case Opcode.F32Sqrt: Bcl(Math32(nameof(MathF.Sqrt)), 1, K.F32); return true;
            case Opcode.F64Abs: SignBit(OpCodes.And, K.F64); return true;
            case Opcode.F64Neg: SignBit(OpCodes.Xor, K.F64); return true;
            case Opcode.F64Ceil: Bcl(Math64(nameof(Math.Ceiling)), 1, K.F64); return true;
            case Opcode.F64Floor: Bcl(Math64(nameof(Math.Floor)), 1, K.F64); return true;
            case Opcode.F64Trunc: Bcl(Math64(nameof(Math.Truncate)), 1, K.F64); return true;
            case Opcode.F64Nearest: Helper(nameof(RuntimeOps.NearestF64), 1, K.F64); return true;
            case Opcode.F64Sqrt: Bcl(Math64(nameof(Math.Sqrt)), 1, K.F64); return true;

            // conversions
            case Opcode.I32WrapI64: Convert(OpCodes.Conv_I4, K.I32); return true;
            case Opcode.I64ExtendI32S: Convert(OpCodes.Conv_I8, K.I64); return true;
            case Opcode.I64ExtendI32U: Convert(OpCodes.Conv_U8, K.I64); return true;
            case Opcode.I32Extend8S: Convert(OpCodes.Conv_I1, K.I32); return true;
            case Opcode.I32Extend16S: Convert(OpCodes.Conv_I2, K.I32); return true;
            case Opcode.I64Extend8S: Convert(OpCodes.Conv_I1, K.I64, OpCodes.Conv_I8); return true;
            case Opcode.I64Extend16S: Convert(OpCodes.Conv_I2, K.I64, OpCodes.Conv_I8); return true;
            case Opcode.I64Extend32S: Convert(OpCodes.Conv_I4, K.I64, OpCodes.Conv_I8); return true;
            case Opcode.F32ConvertI32S: Convert(OpCodes.Conv_R4, K.F32); return true;
            case Opcode.F32ConvertI64S: Helper(nameof(RuntimeOps.ConvertS64F32), 1, K.F32); return true;
            case Opcode.F32ConvertI32U: ConvertUnsigned32(OpCodes.Conv_R4, K.F32); return true;
            case Opcode.F32ConvertI64U: Helper(nameof(RuntimeOps.ConvertU64F32), 1, K.F32); return true;
            case Opcode.F32DemoteF64: Convert(OpCodes.Conv_R4, K.F32); return true;
            case Opcode.F64ConvertI32S: Convert(OpCodes.Conv_R8, K.F64); return true;
            case Opcode.F64ConvertI64S: Convert(OpCodes.Conv_R8, K.F64); return true;
            case Opcode.F64ConvertI32U: ConvertUnsigned32(OpCodes.Conv_R8, K.F64); return true;
            case Opcode.F64ConvertI64U: Helper(nameof(RuntimeOps.ConvertU64F64), 1, K.F64); return true;
            case Opcode.F64PromoteF32: Convert(OpCodes.Conv_R8, K.F64); return true;
            case Opcode.I32ReinterpretF32: Bcl(s_singleToInt32Bits, 1, K.I32); return true;
            case Opcode.I64ReinterpretF64: Bcl(s_doubleToInt64Bits, 1, K.I64); return true;
            case Opcode.F32ReinterpretI32: Bcl(s_int32BitsToSingle, 1, K.F32); return true;
            case Opcode.F64ReinterpretI64: Bcl(s_int64BitsToDouble, 1, K.F64); return true;
            case Opcode.I32TruncF32S: Helper(nameof(RuntimeOps.TruncF32S32), 1, K.I32); return true;
            case Opcode.I32TruncF32U: Helper(nameof(RuntimeOps.TruncF32U32), 1, K.I32); return true;
            case Opcode.I32TruncF64S: Helper(nameof(RuntimeOps.TruncF64S32), 1, K.I32); return true;
            case Opcode.I32TruncF64U: Helper(nameof(RuntimeOps.TruncF64U32), 1, K.I32); return true;
            case Opcode.I64TruncF32S: Helper(nameof(RuntimeOps.TruncF32S64), 1, K.I64); return true;
            case Opcode.I64TruncF32U: Helper(nameof(RuntimeOps.TruncF32U64), 1, K.I64); return true;
            case Opcode.I64TruncF64S: Helper(nameof(RuntimeOps.TruncF64S64), 1, K.I64); return true;
            case Opcode.I64TruncF64U: Helper(nameof(RuntimeOps.TruncF64U64), 1, K.I64); return true;
            case Opcode.I32TruncSatF32S: Helper(nameof(RuntimeOps.TruncSatF32S32), 1, K.I32); return true;
            case Opcode.I32TruncSatF32U: Helper(nameof(RuntimeOps.TruncSatF32U32), 1, K.I32); return true;
            case Opcode.I32TruncSatF64S: Helper(nameof(RuntimeOps.TruncSatF64S32), 1, K.I32); return true;
            case Opcode.I32TruncSatF64U: Helper(nameof(RuntimeOps.TruncSatF64U32), 1, K.I32); return true;
            case Opcode.I64TruncSatF32S: Helper(nameof(RuntimeOps.TruncSatF32S64), 1, K.I64); return true;
            case Opcode.I64TruncSatF32U: Helper(nameof(RuntimeOps.TruncSatF32U64), 1, K.I64); return true;
            case Opcode.I64TruncSatF64S: Helper(nameof(RuntimeOps.TruncSatF64S64), 1, K.I64); return true;
            case Opcode.I64TruncSatF64U: Helper(nameof(RuntimeOps.TruncSatF64U64), 1, K.I64); return true;
            default: return false;
        }
    }

    /// <summary>
    /// Float arithmetic. RyuJIT folds x-0, x*1, x/1, x*-1 and the like, which is wrong for signalling NaNs
    /// (WebAssembly requires a quieted NaN); with such a constant operand the operation goes through a non-inlined op.
    /// </summary>
    private void FloatArithmetic(OpCode opcode, ValueKind type, string strictOp)
    {
        if (_foldableConstant[_count - 1] || _foldableConstant[_count - 2]) Helper(strictOp, 2, type);
        else Binary(opcode, type);
    }

    private void Binary(OpCode opcode, ValueKind result)
    {
        Need(2);
        _il.Emit(opcode);
        Pop(2);
        Push(result);
    }

    /// <summary>Shifts mask their count to the operand width, as WebAssembly requires.</summary>
    private void Shift(OpCode opcode, ValueKind type)
    {
        Need(2);
        if (type == K.I32)
        {
            _il.Emit(OpCodes.Ldc_I4, 31);
            _il.Emit(OpCodes.And);
        }
        else
        {
            _il.Emit(OpCodes.Conv_I4);
            _il.Emit(OpCodes.Ldc_I4, 63);
            _il.Emit(OpCodes.And);
        }
        _il.Emit(opcode);
        Pop(2);
        Push(type);
    }

    private void Compare(OpCode opcode, bool negate)
    {
        Need(2);
        _il.Emit(opcode);
        if (negate)
        {
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Ceq);
        }
        Pop(2);
        Push(K.I32);
    }

    private void Convert(OpCode opcode, ValueKind result, OpCode? then = null)
    {
        Need(1);
        _il.Emit(opcode);
        if (then is { } next) _il.Emit(next);
        Pop(1);
        Push(result);
    }

    // The operations below are emitted as IL rather than as calls to their RuntimeOps helpers: in large functions
    // (vfprintf, fmt_fp) RyuJIT's inlining budget runs out and the helpers stay real calls, which then force every
    // value live across them out of the caller-saved registers (perf showed DivU32, RemU32, ConvertU32F64, NegF64
    // and AbsF64 as separate functions in strfmt's profile).

    private const int DivisorTemp = 500;

    /// <summary>Unsigned division or remainder: traps on a zero divisor (unsigned operations cannot overflow).</summary>
    private void UnsignedDivide(OpCode op, ValueKind type)
    {
        Need(2);
        var divisor = Temp(type, DivisorTemp);
        _il.Emit(OpCodes.Stloc, divisor);
        _il.Emit(OpCodes.Ldloc, divisor);
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Brtrue, ok);
        EmitThrowTrap(TrapCode.IntegerDivisionByZero);
        _il.MarkLabel(ok);
        _il.Emit(OpCodes.Ldloc, divisor);
        _il.Emit(op);
        Pop(2);
        Push(type);
    }

    /// <summary>abs (<paramref name="op"/> = and, clearing the sign bit) or neg (xor, flipping it) on the float's bits, so NaN payloads are kept exactly.</summary>
    private void SignBit(OpCode op, ValueKind type)
    {
        Need(1);
        if (type == K.F32)
        {
            _m.EmitCall(_il, s_singleToInt32Bits);
            _il.Emit(OpCodes.Ldc_I4, op == OpCodes.And ? int.MaxValue : int.MinValue);
            _il.Emit(op);
            _m.EmitCall(_il, s_int32BitsToSingle);
        }
        else
        {
            _m.EmitCall(_il, s_doubleToInt64Bits);
            _il.Emit(OpCodes.Ldc_I8, op == OpCodes.And ? long.MaxValue : long.MinValue);
            _il.Emit(op);
            _m.EmitCall(_il, s_int64BitsToDouble);
        }
        Pop(1);
        Push(type);
    }

    /// <summary>An i32 read as unsigned, converted to a float: zero-extended to i64 first, which converts exactly (one rounding to f32).</summary>
    private void ConvertUnsigned32(OpCode convert, ValueKind type)
    {
        Need(1);
        _il.Emit(OpCodes.Conv_U8);
        _il.Emit(convert);
        Pop(1);
        Push(type);
    }

    /// <summary>
    /// A call to a .NET method that RyuJIT expands as an intrinsic when it imports the call (bit operations, rounding,
    /// square root, reinterpretation), not through our AggressiveInlining wrapper, which needs inlining budget.
    /// Rotation counts (i64 in wasm) are narrowed to int; i64 bit counts (int in .NET) widened.
    /// </summary>
    private void Bcl(System.Reflection.MethodInfo method, int pops, ValueKind result)
    {
        Need(pops);
        var parameters = method.GetParameters();
        if (pops == 2 && parameters[1].ParameterType == typeof(int) && _stack[_count - 1] == K.I64) _il.Emit(OpCodes.Conv_I4);
        _m.EmitCall(_il, method);
        if (result == K.I64 && method.ReturnType == typeof(int)) _il.Emit(OpCodes.Conv_I8);
        Pop(pops);
        Push(result);
    }

    private static System.Reflection.MethodInfo Math32(string name) => typeof(MathF).GetMethod(name, [typeof(float)])!;
    private static System.Reflection.MethodInfo Math64(string name) => typeof(Math).GetMethod(name, [typeof(double)])!;
    private static System.Reflection.MethodInfo Bits(string name, Type type, params Type[] more) =>
        typeof(System.Numerics.BitOperations).GetMethod(name, [type, .. more])!;

    private static readonly System.Reflection.MethodInfo s_rotateLeft32 = Bits(nameof(System.Numerics.BitOperations.RotateLeft), typeof(uint), typeof(int));
    private static readonly System.Reflection.MethodInfo s_rotateRight32 = Bits(nameof(System.Numerics.BitOperations.RotateRight), typeof(uint), typeof(int));
    private static readonly System.Reflection.MethodInfo s_rotateLeft64 = Bits(nameof(System.Numerics.BitOperations.RotateLeft), typeof(ulong), typeof(int));
    private static readonly System.Reflection.MethodInfo s_rotateRight64 = Bits(nameof(System.Numerics.BitOperations.RotateRight), typeof(ulong), typeof(int));
    private static readonly System.Reflection.MethodInfo s_leadingZeros32 = Bits(nameof(System.Numerics.BitOperations.LeadingZeroCount), typeof(uint));
    private static readonly System.Reflection.MethodInfo s_leadingZeros64 = Bits(nameof(System.Numerics.BitOperations.LeadingZeroCount), typeof(ulong));
    private static readonly System.Reflection.MethodInfo s_trailingZeros32 = Bits(nameof(System.Numerics.BitOperations.TrailingZeroCount), typeof(int));
    private static readonly System.Reflection.MethodInfo s_trailingZeros64 = Bits(nameof(System.Numerics.BitOperations.TrailingZeroCount), typeof(long));
    private static readonly System.Reflection.MethodInfo s_popCount32 = Bits(nameof(System.Numerics.BitOperations.PopCount), typeof(uint));
    private static readonly System.Reflection.MethodInfo s_popCount64 = Bits(nameof(System.Numerics.BitOperations.PopCount), typeof(ulong));
    private static readonly System.Reflection.MethodInfo s_singleToInt32Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!;
    private static readonly System.Reflection.MethodInfo s_int32BitsToSingle = typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle))!;
    private static readonly System.Reflection.MethodInfo s_doubleToInt64Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!;
    private static readonly System.Reflection.MethodInfo s_int64BitsToDouble = typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble))!;

    private void Helper(string name, int pops, ValueKind result)
    {
        Need(pops);
        _m.EmitCall(_il, Ops.Get(name));
        Pop(pops);
        Push(result);
    }
}
