using Djinn.Engine.Model;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Chooses the loops whose bodies are emitted several times in a row. Each loop header checks for an interrupt (a
/// load, a compare and a branch) and closes an iteration with a jump back; in a small innermost loop that is a large
/// share of the work. An unrolled loop runs copies 1..k−1 of its body without the interrupt check, each copy's
/// "continue" falling into the next copy, and only the last copy jumps back to the header, so the check and the
/// backward jump happen once per k iterations (V8 does the same for small innermost wasm loops). Fuel, when
/// metered, is still charged in every copy, so the count stays exact.
/// </summary>
internal static class LoopUnrolling
{
    /// <summary>Bodies up to this many instructions are copied; the copies of one loop hold at most about twice that.</summary>
    public const int MaxBodyInstructions = 64;

    /// <summary>At most this many copies.</summary>
    public const int MaxCopies = 4;

    /// <summary>What to do with one loop: <paramref name="End"/> is the index of its <c>end</c>.</summary>
    public readonly record struct Plan(int End, int Copies);

    /// <summary>
    /// The loops to unroll, by the index of their <c>loop</c> instruction: innermost loops (no loop inside) of at most
    /// <see cref="MaxBodyInstructions"/> instructions with no call (a call costs more than the check saved).
    /// </summary>
    public static Dictionary<int, Plan> Choose(Instruction[] code)
    {
        var plans = new Dictionary<int, Plan>();
        // Per open block, loop or if: where it starts, whether it is a loop, and whether it holds a call or a loop
        // (which, carried outwards as each construct closes, rules out every loop around it).
        var open = new List<(int Start, bool IsLoop, bool Spoiled)>();
        for (int pc = 0; pc < code.Length; pc++)
        {
            switch (code[pc].Opcode)
            {
                case Opcode.Block or Opcode.If or Opcode.Loop:
                    open.Add((pc, code[pc].Opcode == Opcode.Loop, false));
                    break;
                case Opcode.Call or Opcode.CallIndirect when open.Count > 0:
                    open[^1] = open[^1] with { Spoiled = true };
                    break;
                case Opcode.End when open.Count > 0:
                    var (start, isLoop, spoiled) = open[^1];
                    open.RemoveAt(open.Count - 1);
                    if (isLoop && !spoiled)
                    {
                        int body = pc - start - 1;
                        int copies = Math.Min(MaxCopies, 2 * MaxBodyInstructions / Math.Max(1, body));
                        if (body <= MaxBodyInstructions && copies >= 2) plans[start] = new Plan(pc, copies);
                    }
                    if ((isLoop || spoiled) && open.Count > 0) open[^1] = open[^1] with { Spoiled = true };
                    break;
            }
        }
        return plans;
    }
}
