using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Djinn.Engine.Runtime;

/// <summary>
/// Operations that compiled code calls. Small ones are inlined by the JIT. Every memory access checks
/// its bounds against the managed array before touching it
/// (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions).
/// </summary>
internal static partial class RuntimeOps
{
    // ---- memory loads and stores: (address, [value,] memory, offset) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(byte[] mem, int addr, uint offset, int size)
    {
        ulong ea = (ulong)(uint)addr + offset;
        if (ea + (ulong)size > (ulong)mem.LongLength) ThrowMemoryOutOfBounds();
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(mem), (nint)ea);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int LoadI32(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<int>(ref At(mem, addr, offset, 4));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long LoadI64(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<long>(ref At(mem, addr, offset, 8));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadF32(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<float>(ref At(mem, addr, offset, 4));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double LoadF64(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<double>(ref At(mem, addr, offset, 8));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int LoadI8S(int addr, byte[] mem, uint offset) => (sbyte)At(mem, addr, offset, 1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int LoadI8U(int addr, byte[] mem, uint offset) => At(mem, addr, offset, 1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int LoadI16S(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<short>(ref At(mem, addr, offset, 2));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int LoadI16U(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<ushort>(ref At(mem, addr, offset, 2));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long LoadI64_8S(int addr, byte[] mem, uint offset) => (sbyte)At(mem, addr, offset, 1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long LoadI64_8U(int addr, byte[] mem, uint offset) => At(mem, addr, offset, 1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long LoadI64_16S(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<short>(ref At(mem, addr, offset, 2));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long LoadI64_16U(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<ushort>(ref At(mem, addr, offset, 2));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long LoadI64_32S(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<int>(ref At(mem, addr, offset, 4));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long LoadI64_32U(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<uint>(ref At(mem, addr, offset, 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreI32(int addr, int value, byte[] mem, uint offset) => Unsafe.WriteUnaligned(ref At(mem, addr, offset, 4), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreI64(int addr, long value, byte[] mem, uint offset) => Unsafe.WriteUnaligned(ref At(mem, addr, offset, 8), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreF32(int addr, float value, byte[] mem, uint offset) => Unsafe.WriteUnaligned(ref At(mem, addr, offset, 4), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreF64(int addr, double value, byte[] mem, uint offset) => Unsafe.WriteUnaligned(ref At(mem, addr, offset, 8), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreI32_8(int addr, int value, byte[] mem, uint offset) => At(mem, addr, offset, 1) = (byte)value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreI32_16(int addr, int value, byte[] mem, uint offset) => Unsafe.WriteUnaligned(ref At(mem, addr, offset, 2), (short)value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreI64_8(int addr, long value, byte[] mem, uint offset) => At(mem, addr, offset, 1) = (byte)value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreI64_16(int addr, long value, byte[] mem, uint offset) => Unsafe.WriteUnaligned(ref At(mem, addr, offset, 2), (short)value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreI64_32(int addr, long value, byte[] mem, uint offset) => Unsafe.WriteUnaligned(ref At(mem, addr, offset, 4), (int)value);

    public static int MemorySize(Memory memory) => (int)memory.Pages;

    public static int MemoryGrow(int delta, Memory memory) => memory.Grow((uint)delta);

    public static void MemoryFill(int dest, int value, int count, Memory memory)
    {
        var mem = memory.Bytes;
        if ((ulong)(uint)dest + (uint)count > (ulong)mem.LongLength) ThrowMemoryOutOfBounds();
        mem.AsSpan(dest, count).Fill((byte)value);
    }

    public static void MemoryCopy(int dest, int src, int count, Memory memory)
    {
        var mem = memory.Bytes;
        if ((ulong)(uint)dest + (uint)count > (ulong)mem.LongLength || (ulong)(uint)src + (uint)count > (ulong)mem.LongLength)
            ThrowMemoryOutOfBounds();
        Buffer.BlockCopy(mem, src, mem, dest, count);
    }

    public static void MemoryInit(int dest, int src, int count, Memory memory, InstanceContext ctx, int segment)
    {
        var mem = memory.Bytes;
        var data = ctx.DataSegments[segment];
        if ((ulong)(uint)dest + (uint)count > (ulong)mem.LongLength || (ulong)(uint)src + (uint)count > (ulong)data.LongLength)
            ThrowMemoryOutOfBounds();
        Buffer.BlockCopy(data, src, mem, dest, count);
    }

    public static void DataDrop(InstanceContext ctx, int segment) => ctx.DataSegments[segment] = Array.Empty<byte>();

    // ---- traps ----

    // Throw helpers are left inlinable: RyuJIT sees they never return and moves the trap path out of the hot code.
    [DoesNotReturn]
    public static void ThrowMemoryOutOfBounds() => throw new TrapException(TrapCode.MemoryOutOfBounds);

    [DoesNotReturn]
    public static void ThrowTableOutOfBounds() => throw new TrapException(TrapCode.TableOutOfBounds);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception Trap(TrapCode code) => new TrapException(code);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception Unreachable() => new TrapException(TrapCode.Unreachable);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception CallStackExhausted() => new TrapException(TrapCode.CallStackExhausted);

    /// <summary>
    /// The slow path of the fuel / deadline check at function entry and loop headers: the trap to throw. Compiled
    /// code throws the result (IL <c>throw</c>), so RyuJIT knows the path never returns and keeps the loop's values
    /// in registers instead of saving them around a call that could come back.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception BudgetExhausted(ExecutionBudget budget)
    {
        if (budget.Interrupt == 0 && budget.Fuel < 0)
        {
            budget.Fuel = -1;
            return new TrapException(TrapCode.OutOfFuel);
        }
        // The interrupt flag was seen set (a deadline or the host's Interrupt), also if it was cleared since.
        return new TrapException(TrapCode.Timeout);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CheckStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new TrapException(TrapCode.CallStackExhausted);
    }
}
