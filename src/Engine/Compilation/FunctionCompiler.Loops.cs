using System.Reflection.Emit;

namespace Djinn.Engine.Compilation;

/// <summary>Unrolled loops (see <see cref="LoopUnrolling"/>).</summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// Emits the loop at <paramref name="loopPc"/> as <see cref="LoopUnrolling.Plan.Copies"/> copies of its body and
    /// returns the index of its <c>end</c>. Copy 0 starts at the loop header (with the interrupt check); in copy c a
    /// branch to the loop goes to the start of copy c+1, and from the last copy back to the header. Falling off the
    /// end of any copy leaves the loop, as falling off a loop's end does.
    /// </summary>
    private int EmitUnrolledLoop(int loopPc, LoopUnrolling.Plan plan)
    {
        EmitAt(loopPc);
        var frame = _frames[^1];
        var starts = new Label[plan.Copies];
        starts[0] = frame.Target;
        for (int c = 1; c < plan.Copies; c++) starts[c] = _il.DefineLabel();
        var exit = _il.DefineLabel();
        for (int c = 0; c < plan.Copies; c++)
        {
            if (c > 0)
            {
                if (!_dead)
                {
                    Spill();
                    _il.Emit(OpCodes.Br, exit);
                }
                _il.MarkLabel(starts[c]);
                ResetStack(frame.Height, frame.Params);
                _dead = false;
                _deadDepth = 0;
                if (_fuel is not null) EmitCheckpoint(_fuel[loopPc], checkInterrupt: false);
            }
            frame.Target = starts[(c + 1) % plan.Copies];
            for (int pc = loopPc + 1; pc < plan.End; pc++) EmitAt(pc);
        }
        EmitAt(plan.End);
        _il.MarkLabel(exit);
        return plan.End;
    }
}
