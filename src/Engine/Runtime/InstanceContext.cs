using Djinn.Engine.Compilation;

namespace Djinn.Engine.Runtime;

/// <summary>
/// The state of one instance, passed to every compiled function. Each compiled module derives a type from this
/// with typed fields for its memory, tables, globals and imported functions, filled by <see cref="BindFields"/>.
/// </summary>
internal abstract class InstanceContext
{
    public ExecutionBudget Budget = null!;
    /// <summary>The store's interrupt flag (<see cref="ExecutionBudget.Interrupt"/>), read by compiled code at loop headers (function entries see it through <see cref="StackFloor"/>).</summary>
    public volatile int Interrupt;
    /// <summary>
    /// The store's stack floor (<see cref="ExecutionBudget.StackFloor"/>), or one out of reach while the store is
    /// interrupted: compiled functions take the slow path (a trap) when the native stack top is below it on entry.
    /// </summary>
    public nint StackFloor = NativeStack.NoFloor;
    public CompiledModule Compiled = null!;
    /// <summary>Functions in index space; entries for defined functions are created on first use.</summary>
    public Function?[] Functions = Array.Empty<Function?>();
    public Memory[] Memories = Array.Empty<Memory>();
    public Table[] Tables = Array.Empty<Table>();
    public Global[] Globals = Array.Empty<Global>();
    /// <summary>Element segments (dropped ones are empty).</summary>
    public object?[][] ElementSegments = Array.Empty<object?[]>();
    /// <summary>Data segments (dropped ones are empty).</summary>
    public byte[][] DataSegments = Array.Empty<byte[]>();

    /// <summary>Copies the arrays above into the derived type's typed fields. Generated per module.</summary>
    public abstract void BindFields();

    /// <summary>The function at <paramref name="index"/> in index space, creating its bound delegate on first use.</summary>
    public Function GetFunction(int index) => Functions[index] ??= Compiled.CreateFunction(this, index);
}
