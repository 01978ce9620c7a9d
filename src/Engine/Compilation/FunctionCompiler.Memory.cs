using System.Reflection.Emit;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Scalar loads and stores emitted as IL, not as calls to <see cref="RuntimeOps"/> helpers
/// (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions): the 64-bit effective address
/// (zero-extended address + offset), one unsigned compare of it + size against the memory's size (held in a local)
/// unless guard pages catch the access instead (<see cref="GuardPageTraps"/>), then an unaligned access at the
/// memory's base address + effective address. Calls relied on RyuJIT inlining them, and in large functions
/// (an interpreter loop, <c>vfprintf</c>) RyuJIT stops inlining after a hundred or so call sites (its inlining budget
/// and local-count limits), leaving the rest as real calls.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private const int MemoryAccessTemp = 400;

    private void EmitInlineLoad(Opcode op, uint offset)
    {
        Need(1);
        var (size, type) = LoadShape(op);
        var ea = EmitBoundsCheck(offset, size, LoadMayUseGuardPages(size), _zeroExtendedAddress[_count - 1]);
        EmitAddress(ea);
        _il.Emit(OpCodes.Unaligned, (byte)1);
        switch (op)
        {
            case Opcode.I32Load: _il.Emit(OpCodes.Ldind_I4); break;
            case Opcode.I64Load: _il.Emit(OpCodes.Ldind_I8); break;
            case Opcode.F32Load: _il.Emit(OpCodes.Ldind_R4); break;
            case Opcode.F64Load: _il.Emit(OpCodes.Ldind_R8); break;
            case Opcode.I32Load8S: _il.Emit(OpCodes.Ldind_I1); break;
            case Opcode.I32Load8U: _il.Emit(OpCodes.Ldind_U1); break;
            case Opcode.I32Load16S: _il.Emit(OpCodes.Ldind_I2); break;
            case Opcode.I32Load16U: _il.Emit(OpCodes.Ldind_U2); break;
            case Opcode.I64Load8S: _il.Emit(OpCodes.Ldind_I1); _il.Emit(OpCodes.Conv_I8); break;
            case Opcode.I64Load8U: _il.Emit(OpCodes.Ldind_U1); _il.Emit(OpCodes.Conv_U8); break;
            case Opcode.I64Load16S: _il.Emit(OpCodes.Ldind_I2); _il.Emit(OpCodes.Conv_I8); break;
            case Opcode.I64Load16U: _il.Emit(OpCodes.Ldind_U2); _il.Emit(OpCodes.Conv_U8); break;
            case Opcode.I64Load32S: _il.Emit(OpCodes.Ldind_I4); _il.Emit(OpCodes.Conv_I8); break;
            default: _il.Emit(OpCodes.Ldind_U4); _il.Emit(OpCodes.Conv_U8); break;
        }
        Pop(1);
        Push(type);
    }

    private void EmitInlineStore(Opcode op, uint offset)
    {
        Need(2);
        var valueType = _stack[_count - 1];
        var value = Temp(valueType, MemoryAccessTemp + 1);
        _il.Emit(OpCodes.Stloc, value);
        var ea = EmitBoundsCheck(offset, StoreSize(op), zeroExtended: _zeroExtendedAddress[_count - 2]);
        EmitAddress(ea);
        _il.Emit(OpCodes.Ldloc, value);
        if (op is Opcode.I64Store8 or Opcode.I64Store16 or Opcode.I64Store32) _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Unaligned, (byte)1);
        switch (op)
        {
            case Opcode.I32Store: case Opcode.I64Store32: _il.Emit(OpCodes.Stind_I4); break;
            case Opcode.I64Store: _il.Emit(OpCodes.Stind_I8); break;
            case Opcode.F32Store: _il.Emit(OpCodes.Stind_R4); break;
            case Opcode.F64Store: _il.Emit(OpCodes.Stind_R8); break;
            case Opcode.I32Store8: case Opcode.I64Store8: _il.Emit(OpCodes.Stind_I1); break;
            default: _il.Emit(OpCodes.Stind_I2); break;
        }
        Pop(2);
    }

    /// <summary>
    /// Consumes the i32 address on the IL stack (scalar and SIMD accesses alike): stores the 64-bit effective address (zero-extended address + offset,
    /// so it cannot wrap) in a temp and traps unless all <paramref name="size"/> bytes lie inside the memory. With guard
    /// pages there is no compare: the effective address is below 8 GiB + 16, inside the memory's reservation, and every
    /// byte of it past the memory's end is inaccessible. <paramref name="leaveToGuardPages"/> false keeps the compare
    /// regardless (<see cref="LoadMayUseGuardPages"/>). <paramref name="zeroExtended"/>: the address is already a 64-bit
    /// value (an address local's, see <see cref="AddressLocals"/>).
    /// </summary>
    private LocalBuilder EmitBoundsCheck(uint offset, int size, bool leaveToGuardPages = true, bool zeroExtended = false)
    {
        var ea = Temp(ValueKind.I64, MemoryAccessTemp);
        if (!zeroExtended) _il.Emit(OpCodes.Conv_U8);
        if (offset != 0)
        {
            _il.Emit(OpCodes.Ldc_I8, (long)offset);
            _il.Emit(OpCodes.Add);
        }
        _il.Emit(OpCodes.Stloc, ea);
        if (_m.Config.ElidesBoundsChecks && leaveToGuardPages) return ea;
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, ea);
        _il.Emit(OpCodes.Ldc_I8, (long)size);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldloc, _memoryLength!);
        _il.Emit(OpCodes.Ble_Un, ok);
        EmitThrowTrap(TrapCode.MemoryOutOfBounds);
        _il.MarkLabel(ok);
        return ea;
    }

    /// <summary>
    /// Throws a trap with IL <c>throw</c>, not a call that happens to throw: RyuJIT then knows the path never rejoins
    /// and keeps it cold.
    /// </summary>
    private void EmitThrowTrap(TrapCode code)
    {
        _il.Emit(OpCodes.Ldc_I4, (int)code);
        _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.Trap)));
        _il.Emit(OpCodes.Throw);
    }

    /// <summary>
    /// Whether a load of <paramref name="size"/> bytes may leave its bounds to the guard pages. Not when the next
    /// instruction drops its value or wraps it to 32 bits: RyuJIT reduces an unused load to a probe of its first byte
    /// and a load cast to a narrower type to a narrower load, and either would let an access that starts inside the
    /// memory and ends past it complete without the fault. A one-byte load has nothing to narrow.
    /// </summary>
    private bool LoadMayUseGuardPages(int size) =>
        size == 1 || _nextOpcode is not (Opcode.Drop or Opcode.I32WrapI64);

    /// <summary>Pushes the native address of byte <c>ea</c> of the memory (checked by <see cref="EmitBoundsCheck"/>).</summary>
    private void EmitAddress(LocalBuilder ea)
    {
        _il.Emit(OpCodes.Ldloc, _memory!);
        _il.Emit(OpCodes.Ldloc, ea);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Add);
    }

    private static (int Size, ValueKind Type) LoadShape(Opcode op) => op switch
    {
        Opcode.I32Load => (4, ValueKind.I32),
        Opcode.I64Load => (8, ValueKind.I64),
        Opcode.F32Load => (4, ValueKind.F32),
        Opcode.F64Load => (8, ValueKind.F64),
        Opcode.I32Load8S or Opcode.I32Load8U => (1, ValueKind.I32),
        Opcode.I32Load16S or Opcode.I32Load16U => (2, ValueKind.I32),
        Opcode.I64Load8S or Opcode.I64Load8U => (1, ValueKind.I64),
        Opcode.I64Load16S or Opcode.I64Load16U => (2, ValueKind.I64),
        _ => (4, ValueKind.I64),
    };

    private static int StoreSize(Opcode op) => op switch
    {
        Opcode.I64Store or Opcode.F64Store => 8,
        Opcode.I32Store8 or Opcode.I64Store8 => 1,
        Opcode.I32Store16 or Opcode.I64Store16 => 2,
        _ => 4,
    };
}
