using System.Runtime.CompilerServices;

namespace Djinn.Engine.Runtime;

/// <summary>Table, reference and global operations for compiled code (https://webassembly.github.io/spec/core/exec/instructions.html#table-instructions).</summary>
internal static partial class RuntimeOps
{
    /// <summary>Resolves a call_indirect target, trapping on out-of-bounds, null or a signature mismatch.</summary>
    [MethodImpl(Inlined)]
    public static Delegate IndirectTarget(int index, Table table, int typeId)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) throw new TrapException(TrapCode.TableOutOfBounds, "undefined element");
        var function = elements[index] as Function ?? throw Trap(TrapCode.IndirectCallToNull);
        if (function.TypeId != typeId) throw Trap(TrapCode.BadSignature);
        return function.Invoker;
    }

    [MethodImpl(Optimized)]
    public static object? TableGet(int index, Table table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) ThrowTableOutOfBounds();
        return elements[index];
    }

    [MethodImpl(Optimized)]
    public static void TableSet(int index, object? value, Table table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) ThrowTableOutOfBounds();
        elements[index] = value;
    }

    [MethodImpl(Optimized)] public static int TableSize(Table table) => table.Elements.Length;

    [MethodImpl(Optimized)] public static int TableGrow(object? init, int delta, Table table) => table.Grow((uint)delta, init);

    [MethodImpl(Optimized)]
    public static void TableFill(int start, object? value, int count, Table table)
    {
        var elements = table.Elements;
        if ((ulong)(uint)start + (uint)count > (ulong)elements.Length) ThrowTableOutOfBounds();
        Array.Fill(elements, value, start, count);
    }

    [MethodImpl(Optimized)]
    public static void TableCopy(int dest, int src, int count, Table destTable, Table srcTable)
    {
        var d = destTable.Elements;
        var s = srcTable.Elements;
        if ((ulong)(uint)dest + (uint)count > (ulong)d.Length || (ulong)(uint)src + (uint)count > (ulong)s.Length) ThrowTableOutOfBounds();
        Array.Copy(s, src, d, dest, count);
    }

    [MethodImpl(Optimized)]
    public static void TableInit(int dest, int src, int count, Table table, InstanceContext ctx, int segment)
    {
        var d = table.Elements;
        var s = ctx.ElementSegments[segment];
        if ((ulong)(uint)dest + (uint)count > (ulong)d.Length || (ulong)(uint)src + (uint)count > (ulong)s.Length) ThrowTableOutOfBounds();
        Array.Copy(s, src, d, dest, count);
    }

    [MethodImpl(Optimized)] public static void ElemDrop(InstanceContext ctx, int segment) => ctx.ElementSegments[segment] = Array.Empty<object?>();

    [MethodImpl(Optimized)] public static object RefFunc(InstanceContext ctx, int index) => ctx.GetFunction(index);

    [MethodImpl(Inlined)] public static float GlobalGetF32(Global g) => BitConverter.Int32BitsToSingle((int)g.Bits);
    [MethodImpl(Inlined)] public static double GlobalGetF64(Global g) => BitConverter.Int64BitsToDouble((long)g.Bits);
    [MethodImpl(Inlined)] public static object? GlobalGetRef(Global g) => g.Ref;
    [MethodImpl(Inlined)] public static void GlobalSetF32(float v, Global g) => g.Bits = (uint)BitConverter.SingleToInt32Bits(v);
    [MethodImpl(Inlined)] public static void GlobalSetF64(double v, Global g) => g.Bits = (ulong)BitConverter.DoubleToInt64Bits(v);
    [MethodImpl(Inlined)] public static void GlobalSetRef(object? v, Global g) => g.Ref = v;
}
