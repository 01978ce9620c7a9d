using Djinn.Engine.Model;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Chooses the WebAssembly locals that are kept in memory (their frame slots) instead of registers: the ones that stay live
/// across an innermost loop without being used in it, when its loop nest and the code around it hold more such values
/// than the machine has registers.
/// <para>
/// RyuJIT's linear-scan allocator does not split a variable's lifetime at loop boundaries. When a loop nest keeps more
/// integer values alive than there are registers, it often spills the ones the innermost loop uses (reloading them,
/// and storing them back on the back edge, every iteration) and keeps outer-loop counters in registers instead. A
/// value the allocator cannot see as a register candidate, one read and written through memory, frees a register
/// for the inner loop. So for each innermost loop, the locals it uses keep their IL locals. The values live across it
/// are the locals its enclosing loops use, and the ones the code around the whole nest keeps through it: a parameter
/// or a local referred to before the nest and read after it (a parameter of <c>decfloat</c> that is read at its end
/// held two callee-saved registers through all of its loops). Of those, the ones used deepest and most often keep
/// their IL locals while registers remain in the budget; the rest are spilled for the whole function (the compiler
/// takes their addresses, so RyuJIT reads and writes them at their frame slots).
/// A local that any innermost loop uses is never spilled.
/// </para>
/// </summary>
internal static class SpilledLocals
{
    /// <summary>
    /// General-purpose registers left for WebAssembly locals in an inner loop: x64 allocates 14, of which the
    /// instance state, the memory base and the operand-stack temporaries of a typical loop body take about four.
    /// </summary>
    public const int IntegerRegisterBudget = 10;

    /// <summary>Vector registers for f32/f64 locals: 16 on x64, a few kept for expression temporaries.</summary>
    public const int FloatRegisterBudget = 12;

    private sealed class Loop
    {
        public readonly Dictionary<uint, int> Uses = new();
        public readonly List<Loop> Children = new();
        public Loop? Parent;
        public int Start, End;

        public Loop Outermost => Parent?.Outermost ?? this;
    }

    /// <summary>Returns, per local index (parameters included), whether it is spilled; null when none is.</summary>
    public static bool[]? Choose(Instruction[] code, ValueKind[] localTypes, int paramCount)
    {
        var loops = new List<Loop>();
        var maxDepth = new int[localTypes.Length];
        var useCount = new int[localTypes.Length];
        var firstUse = new int[localTypes.Length];  // a parameter's value is there before the first instruction
        var lastRead = new int[localTypes.Length];
        Array.Fill(firstUse, int.MaxValue, paramCount, localTypes.Length - paramCount);
        Array.Fill(firstUse, -1, 0, paramCount);
        Array.Fill(lastRead, -1);
        var open = new Stack<Loop?>();  // one entry per open block/loop/if; null for a block or an if
        Loop? current = null;
        int depth = 0;
        for (int at = 0; at < code.Length; at++)
        {
            var ins = code[at];
            switch (ins.Opcode)
            {
                case Opcode.Loop:
                    var loop = new Loop { Parent = current, Start = at };
                    current?.Children.Add(loop);
                    loops.Add(loop);
                    open.Push(loop);
                    current = loop;
                    depth++;
                    break;
                case Opcode.Block or Opcode.If:
                    open.Push(null);
                    break;
                case Opcode.End when open.Count > 0:
                    if (open.Pop() is { } closed)
                    {
                        closed.End = at;
                        current = closed.Parent;
                        depth--;
                    }
                    break;
                case Opcode.LocalGet or Opcode.LocalSet or Opcode.LocalTee:
                    uint index = ins.A;
                    maxDepth[index] = Math.Max(maxDepth[index], depth);
                    useCount[index]++;
                    firstUse[index] = Math.Min(firstUse[index], at);
                    if (ins.Opcode is Opcode.LocalGet) lastRead[index] = at;
                    for (var l = current; l is not null; l = l.Parent)
                        l.Uses[index] = l.Uses.GetValueOrDefault(index) + 1;
                    break;
            }
        }

        var spilled = new bool[localTypes.Length];
        var usedInInnermost = new bool[localTypes.Length];
        var liveThroughNest = new Dictionary<Loop, List<uint>>();  // one scan of the locals per loop nest
        bool any = false;
        foreach (var inner in loops)
        {
            if (inner.Children.Count > 0) continue;
            // Every innermost loop protects its locals, a top-level one (no enclosing loop) too.
            foreach (var index in inner.Uses.Keys) usedInInnermost[index] = true;
            var nest = inner.Outermost;
            if (!liveThroughNest.TryGetValue(nest, out var through))
                liveThroughNest[nest] = through = LiveThrough(nest, firstUse, lastRead);
            var across = new HashSet<uint>(through.Where(i => !inner.Uses.ContainsKey(i)));
            for (var outer = inner.Parent; outer is not null; outer = outer.Parent)
                foreach (var index in outer.Uses.Keys)
                    if (!inner.Uses.ContainsKey(index)) across.Add(index);
            any |= SpillFor(inner, across, localTypes, maxDepth, useCount, spilled, IsInteger, IntegerRegisterBudget);
            any |= SpillFor(inner, across, localTypes, maxDepth, useCount, spilled, IsFloat, FloatRegisterBudget);
        }
        if (!any) return null;
        any = false;
        for (int i = 0; i < spilled.Length; i++)
        {
            spilled[i] &= !usedInInnermost[i];
            any |= spilled[i];
        }
        return any ? spilled : null;
    }

    /// <summary>The locals referred to before <paramref name="nest"/> (parameters from the entry) and read after it.</summary>
    private static List<uint> LiveThrough(Loop nest, int[] firstUse, int[] lastRead)
    {
        var through = new List<uint>();
        for (uint i = 0; i < firstUse.Length; i++)
            if (firstUse[i] < nest.Start && lastRead[i] > nest.End) through.Add(i);
        return through;
    }

    /// <summary>Marks the locals of one register class that do not fit beside those <paramref name="inner"/> uses.</summary>
    private static bool SpillFor(Loop inner, HashSet<uint> across, ValueKind[] types, int[] maxDepth, int[] useCount,
        bool[] spilled, Func<ValueKind, bool> inClass, int budget)
    {
        int used = inner.Uses.Keys.Count(i => inClass(types[i]));
        int room = Math.Max(0, budget - used);
        if (across.Count(i => inClass(types[i])) <= room) return false;
        foreach (var index in across
                     .Where(i => inClass(types[i]))
                     .OrderByDescending(i => maxDepth[i])
                     .ThenByDescending(i => useCount[i])
                     .ThenBy(i => i)
                     .Skip(room))
            spilled[index] = true;
        return true;
    }

    private static bool IsInteger(ValueKind type) => type is ValueKind.I32 or ValueKind.I64;

    private static bool IsFloat(ValueKind type) => type is ValueKind.F32 or ValueKind.F64;
}
