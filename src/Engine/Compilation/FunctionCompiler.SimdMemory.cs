using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Compilation;

/// <summary>
/// SIMD loads and stores emitted in line (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions):
/// the effective address is checked for the whole access as scalar accesses are (<see cref="EmitBoundsCheck"/>), then
/// the bytes are read or written at the native address with <see cref="Unsafe"/> and combined with
/// <see cref="Vector128"/> intrinsics. Operands are spilled first, so the check's branch sees an empty IL stack.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private enum SimdMemoryForm { Load, Store, Extend, Splat, Zero, LoadLane, StoreLane }

    private static readonly MethodInfo s_writeDefinition = typeof(Unsafe).GetMethods()
        .Single(m => m.Name == nameof(Unsafe.WriteUnaligned) && m.GetParameters()[0].ParameterType == typeof(void*));

    private static readonly MethodInfo s_getElement = typeof(Vector128).GetMethod(nameof(Vector128.GetElement))!;
    private static readonly MethodInfo s_withElement = typeof(Vector128).GetMethod(nameof(Vector128.WithElement))!;

    /// <summary>The form, access size in bytes, element type read or written, and for extending loads the widened lane type.</summary>
    private static (SimdMemoryForm Form, int Size, Type Element, Type? Narrow) SimdMemoryShape(Opcode op) => op switch
    {
        Opcode.V128Load => (SimdMemoryForm.Load, 16, typeof(Vector128<byte>), null),
        Opcode.V128Store => (SimdMemoryForm.Store, 16, typeof(Vector128<byte>), null),
        Opcode.V128Load8x8S => (SimdMemoryForm.Extend, 8, typeof(long), typeof(sbyte)),
        Opcode.V128Load8x8U => (SimdMemoryForm.Extend, 8, typeof(long), typeof(byte)),
        Opcode.V128Load16x4S => (SimdMemoryForm.Extend, 8, typeof(long), typeof(short)),
        Opcode.V128Load16x4U => (SimdMemoryForm.Extend, 8, typeof(long), typeof(ushort)),
        Opcode.V128Load32x2S => (SimdMemoryForm.Extend, 8, typeof(long), typeof(int)),
        Opcode.V128Load32x2U => (SimdMemoryForm.Extend, 8, typeof(long), typeof(uint)),
        Opcode.V128Load8Splat => (SimdMemoryForm.Splat, 1, typeof(byte), null),
        Opcode.V128Load16Splat => (SimdMemoryForm.Splat, 2, typeof(ushort), null),
        Opcode.V128Load32Splat => (SimdMemoryForm.Splat, 4, typeof(uint), null),
        Opcode.V128Load64Splat => (SimdMemoryForm.Splat, 8, typeof(ulong), null),
        Opcode.V128Load32Zero => (SimdMemoryForm.Zero, 4, typeof(uint), null),
        Opcode.V128Load64Zero => (SimdMemoryForm.Zero, 8, typeof(ulong), null),
        Opcode.V128Load8Lane => (SimdMemoryForm.LoadLane, 1, typeof(byte), null),
        Opcode.V128Load16Lane => (SimdMemoryForm.LoadLane, 2, typeof(ushort), null),
        Opcode.V128Load32Lane => (SimdMemoryForm.LoadLane, 4, typeof(uint), null),
        Opcode.V128Load64Lane => (SimdMemoryForm.LoadLane, 8, typeof(ulong), null),
        Opcode.V128Store8Lane => (SimdMemoryForm.StoreLane, 1, typeof(byte), null),
        Opcode.V128Store16Lane => (SimdMemoryForm.StoreLane, 2, typeof(ushort), null),
        Opcode.V128Store32Lane => (SimdMemoryForm.StoreLane, 4, typeof(uint), null),
        _ => (SimdMemoryForm.StoreLane, 8, typeof(ulong), null),
    };

    private bool TryEmitSimdMemoryDirect(in Instruction ins)
    {
        if (!IsSimdMemory(ins.Opcode)) return false;
        var (form, size, element, narrow) = SimdMemoryShape(ins.Opcode);
        bool vectorOperand = form is SimdMemoryForm.Store or SimdMemoryForm.LoadLane or SimdMemoryForm.StoreLane;
        Spill();
        int addressDepth = _count - (vectorOperand ? 2 : 1);
        var vector = vectorOperand ? Slot(_count - 1, K.V128) : null;
        _il.Emit(OpCodes.Ldloc, Slot(addressDepth, K.I32));
        // Reads wider than a byte keep their compare even with guard pages: RyuJIT narrows a load of which only some
        // lanes are used, or drops it (simd_address.wast: a dropped v128.load ending past the memory must trap).
        // Stores cannot be narrowed or dropped.
        bool leaveToGuardPages = form is SimdMemoryForm.Store or SimdMemoryForm.StoreLane || size == 1;
        var ea = EmitBoundsCheck(ins.B, size, leaveToGuardPages);
        int lane = (int)ins.C;
        switch (form)
        {
            case SimdMemoryForm.Load:
                EmitAddress(ea);
                EmitRead(element);
                break;
            case SimdMemoryForm.Store:
                EmitAddress(ea);
                _il.Emit(OpCodes.Ldloc, vector!);
                _m.EmitCall(_il, s_writeDefinition.MakeGenericMethod(element));
                break;
            case SimdMemoryForm.Extend:
                EmitAddress(ea);
                EmitRead(typeof(long));
                _m.EmitCall(_il, typeof(Vector128).GetMethod(nameof(Vector128.CreateScalar), [typeof(long)])!);
                _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(typeof(long), narrow!));
                var widen = typeof(Vector128).GetMethod(nameof(Vector128.WidenLower), [typeof(Vector128<>).MakeGenericType(narrow!)])!;
                _m.EmitCall(_il, widen);
                IsVector(widen.ReturnType, out var wide);
                _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(wide, typeof(byte)));
                break;
            case SimdMemoryForm.Splat or SimdMemoryForm.Zero:
                EmitAddress(ea);
                EmitRead(element);
                string create = form == SimdMemoryForm.Splat ? nameof(Vector128.Create) : nameof(Vector128.CreateScalar);
                _m.EmitCall(_il, typeof(Vector128).GetMethod(create, [element])!);
                if (element != typeof(byte)) _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(element, typeof(byte)));
                break;
            case SimdMemoryForm.LoadLane:
                _il.Emit(OpCodes.Ldloc, vector!);
                if (element != typeof(byte)) _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(typeof(byte), element));
                _il.Emit(OpCodes.Ldc_I4, lane);
                EmitAddress(ea);
                EmitRead(element);
                _m.EmitCall(_il, s_withElement.MakeGenericMethod(element));
                if (element != typeof(byte)) _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(element, typeof(byte)));
                break;
            case SimdMemoryForm.StoreLane:
                EmitAddress(ea);
                _il.Emit(OpCodes.Ldloc, vector!);
                if (element != typeof(byte)) _m.EmitCall(_il, s_asDefinition.MakeGenericMethod(typeof(byte), element));
                _il.Emit(OpCodes.Ldc_I4, lane);
                _m.EmitCall(_il, s_getElement.MakeGenericMethod(element));
                _m.EmitCall(_il, s_writeDefinition.MakeGenericMethod(element));
                break;
        }
        Pop(vectorOperand ? 2 : 1);
        if (form is not (SimdMemoryForm.Store or SimdMemoryForm.StoreLane)) Push(K.V128);
        return true;
    }

    /// <summary>Reads a <paramref name="element"/> at the native address on the IL stack.</summary>
    private void EmitRead(Type element)
    {
        _il.Emit(OpCodes.Unaligned, (byte)1);
        _il.Emit(OpCodes.Ldobj, element);
    }
}
