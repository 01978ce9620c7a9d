using Djinn.Engine.Model;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Which defined functions compare the native stack against the floor on entry. A leaf (no <c>call</c> or
/// <c>call_indirect</c>) does not: it runs in a frame below a caller that passed the check (or below the host, which
/// set the floor), and <see cref="Runtime.NativeStack.FloorFor"/> keeps room for two of the module's largest frames
/// below the floor. A leaf's run is bounded by its code unless it loops, and its loops keep their interrupt checks,
/// so the entry check's second role, seeing an interrupt, is not needed there either. Because a leaf's entry sees no
/// interrupt, a loop that calls only leaves keeps the check at its header (<see cref="CallingLoops"/>).
/// </summary>
internal static class EntryChecks
{
    /// <summary>Per function index (imports included, always false): whether the function checks on entry.</summary>
    public static bool[] Find(ModuleDefinition module)
    {
        var checks = new bool[module.ImportedFunctionCount + module.Bodies.Count];
        for (int i = 0; i < module.Bodies.Count; i++)
            checks[module.ImportedFunctionCount + i] = MakesCalls(module.Bodies[i].Code);
        return checks;
    }

    private static bool MakesCalls(Instruction[] code)
    {
        foreach (var ins in code)
            if (ins.Opcode is Opcode.Call or Opcode.CallIndirect) return true;
        return false;
    }
}
