using Djinn.Engine.Model;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Which defined functions get a twin: a second method with the same body whose self-calls go back to the original,
/// while the original's self-calls go to the twin. RyuJIT never inlines a method into itself, but it inlines the
/// twin (marked <c>AggressiveInlining</c>) into the original and stops there, because the twin's call leads back to
/// a method already on its inline chain. A small directly recursive function (fib, a tree walk) then makes half as
/// many native calls, each unrolling one level of its recursion, as V8 does by inlining wasm functions into
/// themselves. Semantics are unchanged: the twin keeps its own entry check (stack floor and interrupts) and fuel.
/// </summary>
internal static class RecursionTwins
{
    /// <summary>Above this many instructions the copy is not worth its code size (and RyuJIT may refuse it).</summary>
    public const int MaxInstructions = 48;

    /// <summary>
    /// At most this many parameters and locals. Across the inner self-call the inlined pair keeps both copies' values
    /// and the instance state, and x64 has five callee-saved registers (rbx, r12-r15; rbp holds the frame): two values
    /// per copy fit, but with three or four, one spills to the frame and the twin made a tree walk (bintrees' check)
    /// 4-25% slower instead of faster.
    /// </summary>
    public const int MaxLocals = 2;

    /// <summary>Per defined function (not counting imports): whether it gets a twin.</summary>
    public static bool[] Find(ModuleDefinition module)
    {
        var twins = new bool[module.Bodies.Count];
        for (int i = 0; i < module.Bodies.Count; i++)
        {
            int index = module.ImportedFunctionCount + i;
            var body = module.Bodies[i];
            twins[i] = module.GetFunctionType((uint)index).Parameters.Count + body.LocalCount <= MaxLocals
                && CallsItself(body.Code, (uint)index);
        }
        return twins;
    }

    private static bool CallsItself(Instruction[] code, uint functionIndex)
    {
        if (code.Length > MaxInstructions) return false;
        foreach (var ins in code)
            if (ins.Opcode == Opcode.Call && ins.A == functionIndex) return true;
        return false;
    }
}
