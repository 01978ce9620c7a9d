using Djinn.Engine.Model;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Finds the loops that need no interrupt check at their header because every iteration calls a function of the
/// module: that function's entry compares the stack against the floor, and an interrupt lifts the floor out of reach
/// (<see cref="Runtime.ExecutionBudget.RaiseInterrupt"/>), so the call traps as soon as the header's check would
/// have. An iteration is sure to make the call when a direct call to a function that makes that check (not an
/// import: host functions do no such check; not a leaf, see <see cref="EntryChecks"/>) stands in the loop's own
/// body, outside any nested block, before any branch at all.
/// Fuel, when metered, is still charged at the header.
/// </summary>
internal static class CallingLoops
{
    /// <summary>The indices of the <c>loop</c> instructions whose header can skip the interrupt check.</summary>
    public static HashSet<int> Find(Instruction[] code, bool[] checksOnEntry)
    {
        var found = new HashSet<int>();
        // Per open construct: where it starts, whether it is a loop, and whether the body so far (for a loop) is
        // still free of branches and nested constructs.
        var open = new List<(int Start, bool IsLoop, bool Straight)>();
        for (int pc = 0; pc < code.Length; pc++)
        {
            var ins = code[pc];
            switch (ins.Opcode)
            {
                case Opcode.Block or Opcode.If or Opcode.Loop:
                    EndStraightRun(open);
                    open.Add((pc, ins.Opcode == Opcode.Loop, true));
                    break;
                case Opcode.End or Opcode.Else:
                    if (ins.Opcode == Opcode.End && open.Count > 0) open.RemoveAt(open.Count - 1);
                    EndStraightRun(open);
                    break;
                case Opcode.Br or Opcode.BrIf or Opcode.BrTable or Opcode.Return:
                    EndStraightRun(open);
                    break;
                case Opcode.Call when checksOnEntry[ins.A] && open.Count > 0 && open[^1] is { IsLoop: true, Straight: true } loop:
                    found.Add(loop.Start);
                    break;
            }
        }
        return found;
    }

    /// <summary>The innermost open loop's body is no longer a straight run from its header.</summary>
    private static void EndStraightRun(List<(int Start, bool IsLoop, bool Straight)> open)
    {
        if (open.Count > 0) open[^1] = open[^1] with { Straight = false };
    }
}
