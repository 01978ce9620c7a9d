using System.Reflection.Emit;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;

namespace Djinn.Engine.Compilation;

/// <summary>Blocks, branches and calls (https://webassembly.github.io/spec/core/exec/instructions.html#control-instructions).</summary>
internal sealed partial class FunctionCompiler
{
    private (ValueKind[] Params, ValueKind[] Results) BlockSignature(in Instruction ins) => (BlockTypeKind)ins.B switch
    {
        BlockTypeKind.Empty => (Array.Empty<ValueKind>(), Array.Empty<ValueKind>()),
        BlockTypeKind.Single => (Array.Empty<ValueKind>(), new[] { (ValueKind)ins.A }),
        _ => (ToArray(_module.Types[(int)ins.A].Parameters), ToArray(_module.Types[(int)ins.A].Results)),
    };

    private void EmitBlock(in Instruction ins, long fuel)
    {
        var (ps, rs) = BlockSignature(ins);
        if (ins.Opcode == Opcode.If)
        {
            Spill();
            var condition = Slot(_count - 1, ValueKind.I32);
            Pop(1);
            var frame = new Frame
            {
                Kind = Opcode.If, Target = _il.DefineLabel(), Else = _il.DefineLabel(),
                Params = ps, Results = rs, Height = _count - ps.Length,
            };
            if (ps.Length > 0)
            {
                frame.SavedParams = new LocalBuilder[ps.Length];
                for (int i = 0; i < ps.Length; i++)
                {
                    frame.SavedParams[i] = _il.DeclareLocal(SignatureDelegates.ClrType(ps[i]));
                    _il.Emit(OpCodes.Ldloc, Slot(frame.Height + i, ps[i]));
                    _il.Emit(OpCodes.Stloc, frame.SavedParams[i]);
                }
            }
            _il.Emit(OpCodes.Ldloc, condition);
            _il.Emit(OpCodes.Brfalse, frame.Else);
            _frames.Add(frame);
            return;
        }
        Spill();
        var block = new Frame { Kind = ins.Opcode, Target = _il.DefineLabel(), Params = ps, Results = rs, Height = _count - ps.Length };
        _frames.Add(block);
        if (ins.Opcode == Opcode.Loop)
        {
            _il.MarkLabel(block.Target);
            EmitCheckpoint(fuel, checkInterrupt: !_loopsCheckedByCalls.Contains(_pc));
        }
    }

    private void EmitElse()
    {
        var frame = _frames[^1];
        if (!_dead)
        {
            Spill();
            _il.Emit(OpCodes.Br, frame.Target);
        }
        _il.MarkLabel(frame.Else);
        frame.HasElse = true;
        if (frame.SavedParams is not null)
        {
            for (int i = 0; i < frame.Params.Length; i++)
            {
                _il.Emit(OpCodes.Ldloc, frame.SavedParams[i]);
                _il.Emit(OpCodes.Stloc, Slot(frame.Height + i, frame.Params[i]));
            }
        }
        ResetStack(frame.Height, frame.Params);
        _dead = false;
    }

    private void EmitEnd()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        if (!_dead) Spill();
        if (frame.Kind == Opcode.If && !frame.HasElse) _il.MarkLabel(frame.Else);
        if (frame.Kind != Opcode.Loop) _il.MarkLabel(frame.Target);
        ResetStack(frame.Height, frame.Results);
        _dead = false;
        if (_frames.Count == 0)
        {
            EmitEpilogue();
            EmitBudgetExhaustedBlock();
        }
    }

    private Frame Label(uint depth) => _frames[_frames.Count - 1 - (int)depth];

    /// <summary>Moves the branch values to the target's slots and jumps. The IL stack must be empty (spilled).</summary>
    private void EmitBranchTo(Frame target)
    {
        MoveBranchValues(target);
        _il.Emit(OpCodes.Br, target.Target);
    }

    private bool MoveBranchValues(Frame target)
    {
        var types = target.BranchTypes;
        bool moved = false;
        for (int i = 0; i < types.Length; i++)
        {
            int source = _count - types.Length + i;
            int destination = target.Height + i;
            if (source == destination) continue;
            _il.Emit(OpCodes.Ldloc, Slot(source, types[i]));
            _il.Emit(OpCodes.Stloc, Slot(destination, types[i]));
            moved = true;
        }
        return moved;
    }

    private bool NeedsMove(Frame target)
    {
        int n = target.BranchTypes.Length;
        return n > 0 && _count - n != target.Height;
    }

    private void EmitBr(uint depth)
    {
        Spill();
        EmitBranchTo(Label(depth));
        _dead = true;
        _deadDepth = 0;
    }

    private void EmitBrIf(uint depth)
    {
        Spill();
        var condition = Slot(_count - 1, ValueKind.I32);
        Pop(1);
        var target = Label(depth);
        _il.Emit(OpCodes.Ldloc, condition);
        if (!NeedsMove(target))
        {
            _il.Emit(OpCodes.Brtrue, target.Target);
            return;
        }
        var skip = _il.DefineLabel();
        _il.Emit(OpCodes.Brfalse, skip);
        EmitBranchTo(target);
        _il.MarkLabel(skip);
    }

    private void EmitBrTable(in Instruction ins)
    {
        Spill();
        var index = Slot(_count - 1, ValueKind.I32);
        Pop(1);
        var stubs = new Dictionary<uint, Label>();
        Label StubFor(uint depth)
        {
            if (!stubs.TryGetValue(depth, out var label)) stubs[depth] = label = _il.DefineLabel();
            return label;
        }
        var labels = ins.Labels ?? Array.Empty<uint>();
        var cases = new Label[labels.Length];
        for (int i = 0; i < labels.Length; i++) cases[i] = StubFor(labels[i]);
        var fallback = StubFor(ins.A);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Switch, cases);
        _il.Emit(OpCodes.Br, fallback);
        foreach (var (depth, label) in stubs)
        {
            _il.MarkLabel(label);
            EmitBranchTo(Label(depth));
        }
        _dead = true;
        _deadDepth = 0;
    }

    private void EmitReturn() => EmitBr((uint)(_frames.Count - 1));

    private void EmitCall(uint functionIndex)
    {
        var type = _module.GetFunctionType(functionIndex);
        int p = type.Parameters.Count;
        if (functionIndex < _module.ImportedFunctionCount)
        {
            // Host code may re-enter the guest; its frames are not in the stack estimate, so probe the real stack here.
            _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.CheckStack)));
            Spill();
            LoadField(_m.ImportFields[functionIndex]);
            LoadArgumentsFromSlots(p);
            EmitResultAddresses(type);
            _m.EmitCall(_il, _m.ImportFields[functionIndex].FieldType.GetMethod("Invoke")!, virtualCall: true);
        }
        else
        {
            Need(p);
            LoadState();
            EmitResultAddresses(type);
            _m.EmitCall(_il, functionIndex == _functionIndex ? _selfCallTarget : _m.MethodFor(functionIndex));
            Pop(p);
        }
        PushResults(type);
        ReloadMemory();
    }

    private void EmitCallIndirect(in Instruction ins)
    {
        var type = _module.Types[(int)ins.A];
        var delegateType = SignatureDelegates.For(type);
        int p = type.Parameters.Count;
        Spill();
        _il.Emit(OpCodes.Ldloc, Slot(_count - 1, ValueKind.I32));
        Pop(1);
        LoadField(_m.TableFields[ins.B]);
        _il.Emit(OpCodes.Ldc_I4, FuncTypeIds.Get(type));
        _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.IndirectTarget)));
        _il.Emit(OpCodes.Castclass, delegateType);
        LoadArgumentsFromSlots(p);
        EmitResultAddresses(type);
        _m.EmitCall(_il, delegateType.GetMethod("Invoke")!, virtualCall: true);
        PushResults(type);
        ReloadMemory();
    }

    /// <summary>Loads the top <paramref name="count"/> values (all in slots) and pops them.</summary>
    private void LoadArgumentsFromSlots(int count)
    {
        for (int i = _count - count; i < _count; i++) _il.Emit(OpCodes.Ldloc, Slot(i, _stack[i]));
        _count -= count;
        _ilBase = _count;
    }

    private void EmitResultAddresses(FuncType type)
    {
        for (int r = 1; r < type.Results.Count; r++) _il.Emit(OpCodes.Ldloca, Temp(type.Results[r], r));
    }

    private void PushResults(FuncType type)
    {
        if (type.Results.Count == 0) return;
        Push(type.Results[0]);
        for (int r = 1; r < type.Results.Count; r++)
        {
            _il.Emit(OpCodes.Ldloc, Temp(type.Results[r], r));
            Push(type.Results[r]);
        }
    }

    private void EmitSelect(ValueKind? typed)
    {
        Need(3);
        var type = typed ?? _stack[_count - 2];
        var condition = Temp(ValueKind.I32, 100);
        var second = Temp(type, 101);
        var first = Temp(type, 102);
        _il.Emit(OpCodes.Stloc, condition);
        _il.Emit(OpCodes.Stloc, second);
        _il.Emit(OpCodes.Stloc, first);
        var takeFirst = _il.DefineLabel();
        var done = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, condition);
        _il.Emit(OpCodes.Brtrue, takeFirst);
        _il.Emit(OpCodes.Ldloc, second);
        _il.Emit(OpCodes.Br, done);
        _il.MarkLabel(takeFirst);
        _il.Emit(OpCodes.Ldloc, first);
        _il.MarkLabel(done);
        Pop(3);
        Push(type);
    }
}
