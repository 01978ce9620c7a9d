using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Djinn.Engine.Runtime;

/// <summary>
/// Operations that compiled code calls. Small ones are inlined by the JIT; the rest are compiled optimized on their
/// first call. Every memory access checks its bounds against the memory's current size before touching it
/// (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions).
/// </summary>
internal static partial class RuntimeOps
{
    // Every helper here is compiled fully optimized on its first call. Guest code is itself compiled optimized and
    // never tiered, and a helper it calls out of line (a division or a float truncation in a function too large for
    // RyuJIT to inline into, a bulk memory operation) would otherwise run as tier-0 code, then as instrumented code,
    // for as long as tiering takes to promote it: strfmt's TruncF64U32 still ran at tier 0 in its third run.
    // RuntimeOpsCompilationTests checks that no helper goes without one of these.

    /// <summary>A helper RyuJIT may inline; where it does not, it is compiled optimized at once.</summary>
    internal const MethodImplOptions Inlined = MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization;

    /// <summary>A helper kept out of line on purpose, compiled optimized at once.</summary>
    internal const MethodImplOptions OutOfLine = MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization;

    /// <summary>A helper compiled optimized at once, left to RyuJIT's own inlining heuristics.</summary>
    internal const MethodImplOptions Optimized = MethodImplOptions.AggressiveOptimization;

    [MethodImpl(Optimized)] public static int MemorySize(Memory memory) => (int)memory.Pages;

    [MethodImpl(Optimized)] public static int MemoryGrow(int delta, Memory memory) => memory.Grow((uint)delta);

    // dest, src and count are u32: widened to long, a count of 2^31 or more becomes a negative length, which
    // Memory.GetSpan rejects like any range past the memory's end (a memory is under 2 GiB).

    [MethodImpl(Optimized)]
    public static void MemoryFill(int dest, int value, int count, Memory memory) =>
        memory.GetSpan((uint)dest, count).Fill((byte)value);

    [MethodImpl(Optimized)]
    public static void MemoryCopy(int dest, int src, int count, Memory memory)
    {
        var target = memory.GetSpan((uint)dest, count);
        memory.GetSpan((uint)src, count).CopyTo(target);
    }

    [MethodImpl(Optimized)]
    public static void MemoryInit(int dest, int src, int count, Memory memory, InstanceContext ctx, int segment)
    {
        var data = ctx.DataSegments[segment];
        var target = memory.GetSpan((uint)dest, count);
        if ((ulong)(uint)src + (uint)count > (ulong)data.LongLength) ThrowMemoryOutOfBounds();
        data.AsSpan(src, count).CopyTo(target);
    }

    [MethodImpl(Optimized)] public static void DataDrop(InstanceContext ctx, int segment) => ctx.DataSegments[segment] = Array.Empty<byte>();

    // ---- traps ----

    // Throw helpers are left inlinable: RyuJIT sees they never return and moves the trap path out of the hot code.
    [DoesNotReturn]
    [MethodImpl(Optimized)]
    public static void ThrowMemoryOutOfBounds() => throw new TrapException(TrapCode.MemoryOutOfBounds);

    [DoesNotReturn]
    [MethodImpl(Optimized)]
    public static void ThrowTableOutOfBounds() => throw new TrapException(TrapCode.TableOutOfBounds);

    [MethodImpl(OutOfLine)]
    public static Exception Trap(TrapCode code) => new TrapException(code);

    [MethodImpl(OutOfLine)]
    public static Exception Unreachable() => new TrapException(TrapCode.Unreachable);

    /// <summary>
    /// The slow path of the fuel / deadline check at function entry and loop headers: the trap to throw. Compiled
    /// code throws the result (IL <c>throw</c>), so RyuJIT knows the path never returns and keeps the loop's values
    /// in registers instead of saving them around a call that could come back.
    /// </summary>
    [MethodImpl(OutOfLine)]
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

    /// <summary>
    /// A function found the native stack below <see cref="InstanceContext.StackFloor"/>: the budget was interrupted
    /// (which lifts the floor out of reach), the stack really is exhausted, or no floor is set (guest code called
    /// through a raw delegate, <see cref="Function.AsDelegate{T}"/>, not through <see cref="GuestCall.Run"/>), in
    /// which case only the thread's real stack bounds the guest, checked on every call.
    /// </summary>
    [MethodImpl(OutOfLine)]
    public static void StackFloorReached(InstanceContext state)
    {
        var budget = state.Budget;
        if (budget.Interrupt != 0) throw BudgetExhausted(budget);
        var floor = budget.StackFloor;
        if (floor == NativeStack.NoFloor)
        {
            CheckStack();
            return;
        }
        // An interrupt raised and cleared since the caller's check may have left the floor lifted for a moment.
        if (NativeStack.Current() >= floor) return;
        throw new TrapException(TrapCode.CallStackExhausted);
    }

    [MethodImpl(OutOfLine)]
    public static void CheckStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new TrapException(TrapCode.CallStackExhausted);
    }
}
