using System.Runtime.CompilerServices;
using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>The per-instruction typing rules (https://webassembly.github.io/spec/core/valid/instructions.html).</summary>
internal sealed partial class FunctionValidator
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(in Instruction ins)
    {
        var op = ins.Opcode;
        if ((ushort)op is >= OperatorSignatures.FirstNumeric and <= OperatorSignatures.LastNumeric)
        {
            // https://webassembly.github.io/spec/core/valid/instructions.html#numeric-instructions
            var second = OperatorSignatures.Second[(int)op];
            if (second != Unknown) Pop(second);
            Pop(OperatorSignatures.First[(int)op]);
            Push(OperatorSignatures.Result[(int)op]);
            return;
        }

        if ((ushort)op is >= OperatorSignatures.FirstMemoryAccess and <= OperatorSignatures.LastMemoryAccess)
        {
            MemoryAccess(in ins);
            return;
        }

        switch (op)
        {
            // https://webassembly.github.io/spec/core/valid/instructions.html#control-instructions
            case Opcode.Unreachable:
                SetUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block:
            case Opcode.Loop:
            {
                BlockType(in ins, out var start, out var end);
                PopVals(start);
                PushCtrl(op, start, end);
                break;
            }
            case Opcode.If:
            {
                BlockType(in ins, out var start, out var end);
                Pop(ValueKind.I32);
                PopVals(start);
                PushCtrl(Opcode.If, start, end);
                break;
            }
            case Opcode.Else:
            {
                if (_ctrls[_ctrlCount - 1].Kind != Opcode.If) Fail("else without matching if");
                ref var frame = ref PopCtrl();
                PushCtrl(Opcode.Else, frame.Start, frame.End);
                break;
            }
            case Opcode.End:
            {
                ref var frame = ref PopCtrl();
                // An if without else behaves as if its else branch passed the parameters through.
                if (frame.Kind == Opcode.If && !SameTypes(frame.Start, frame.End)) Fail("type mismatch");
                PushVals(frame.End);
                break;
            }
            case Opcode.Br:
                PopVals(LabelTypes(ins.A));
                SetUnreachable();
                break;
            case Opcode.BrIf:
            {
                var types = LabelTypes(ins.A);
                Pop(ValueKind.I32);
                PopVals(types);
                PushVals(types);
                break;
            }
            case Opcode.BrTable:
                BrTable(in ins);
                break;
            case Opcode.Return:
                PopVals(_ctrls[0].End);
                SetUnreachable();
                break;
            case Opcode.Call:
            {
                if (ins.A >= (uint)_c.FunctionTypes.Length) Fail($"unknown function {ins.A}");
                uint type = _c.FunctionTypes[ins.A];
                PopVals(_c.TypeParams[type]);
                PushVals(_c.TypeResults[type]);
                break;
            }
            case Opcode.CallIndirect:
            {
                if (ins.B >= (uint)_c.Tables.Length) Fail($"unknown table {ins.B}");
                if (_c.Tables[ins.B].ElementType != ValueKind.FuncRef) Fail("type mismatch");
                if (ins.A >= (uint)_c.TypeCount) Fail($"unknown type {ins.A}");
                Pop(ValueKind.I32);
                PopVals(_c.TypeParams[ins.A]);
                PushVals(_c.TypeResults[ins.A]);
                break;
            }

            // https://webassembly.github.io/spec/core/valid/instructions.html#parametric-instructions
            case Opcode.Drop:
                Pop();
                break;
            case Opcode.Select:
                SelectUntyped();
                break;
            case Opcode.SelectTyped:
                SelectTyped(in ins);
                break;

            // https://webassembly.github.io/spec/core/valid/instructions.html#variable-instructions
            case Opcode.LocalGet:
                Push(Local(ins.A));
                break;
            case Opcode.LocalSet:
                Pop(Local(ins.A));
                break;
            case Opcode.LocalTee:
            {
                var type = Local(ins.A);
                Pop(type);
                Push(type);
                break;
            }
            case Opcode.GlobalGet:
                if (ins.A >= (uint)_c.Globals.Length) Fail($"unknown global {ins.A}");
                Push(_c.Globals[ins.A].ValueType);
                break;
            case Opcode.GlobalSet:
            {
                if (ins.A >= (uint)_c.Globals.Length) Fail($"unknown global {ins.A}");
                var global = _c.Globals[ins.A];
                if (!global.Mutable) Fail("global is immutable");
                Pop(global.ValueType);
                break;
            }

            case Opcode.I32Const: Push(ValueKind.I32); break;
            case Opcode.I64Const: Push(ValueKind.I64); break;
            case Opcode.F32Const: Push(ValueKind.F32); break;
            case Opcode.F64Const: Push(ValueKind.F64); break;

            default:
                StepExtended(in ins);
                break;
        }
    }

    /// <summary>Resolves a block type (https://webassembly.github.io/spec/core/valid/types.html#block-types).</summary>
    private void BlockType(in Instruction ins, out ValueKind[] start, out ValueKind[] end)
    {
        switch ((BlockTypeKind)ins.B)
        {
            case BlockTypeKind.Empty:
                start = end = ValidationContext.Empty;
                return;
            case BlockTypeKind.Single:
                start = ValidationContext.Empty;
                end = ValidationContext.Single((ValueKind)ins.A) ?? FailBlockType();
                return;
            case BlockTypeKind.TypeIndex:
                if (ins.A >= (uint)_c.TypeCount) Fail($"unknown type {ins.A}");
                start = _c.TypeParams[ins.A];
                end = _c.TypeResults[ins.A];
                return;
            default:
                start = end = FailBlockType();
                return;
        }
    }

    private ValueKind[] FailBlockType()
    {
        Fail("malformed block type");
        return null!;
    }

    private void BrTable(in Instruction ins)
    {
        var targets = ins.Labels ?? [];
        var defaultTypes = LabelTypes(ins.A);
        for (int t = 0; t < targets.Length; t++) LabelTypes(targets[t]);
        Pop(ValueKind.I32);

        int arity = defaultTypes.Length;
        for (int t = 0; t < targets.Length; t++)
        {
            var types = LabelTypes(targets[t]);
            if (types.Length != arity) Fail("type mismatch");
            PeekVals(types);
        }

        PopVals(defaultTypes);
        SetUnreachable();
    }

    private void SelectUntyped()
    {
        Pop(ValueKind.I32);
        var t1 = Pop();
        var t2 = Pop();
        // Untyped select only takes numeric (or vector) operands; Unknown counts as either.
        bool numeric = IsNumeric(t1) && IsNumeric(t2);
        bool vector = (t1 is ValueKind.V128 or Unknown) && (t2 is ValueKind.V128 or Unknown);
        if (!numeric && !vector) Fail("type mismatch");
        if (t1 != t2 && t1 != Unknown && t2 != Unknown) Fail("type mismatch");
        Push(t1 == Unknown ? t2 : t1);
    }

    /// <summary>
    /// Typed select (0x1C), which must name exactly one type
    /// (https://webassembly.github.io/spec/core/valid/instructions.html#parametric-instructions).
    /// The decoder puts the first type in <see cref="Instruction.A"/> and how many types were given in
    /// <see cref="Instruction.B"/>; B = 0 with a value type in A is read as one type. A producer may instead list
    /// every type in <see cref="Instruction.Labels"/>.
    /// </summary>
    private void SelectTyped(in Instruction ins)
    {
        var type = (ValueKind)ins.A;
        if (ins.Labels is { } types)
        {
            if (types.Length != 1) Fail("invalid result arity");
            type = (ValueKind)types[0];
        }
        else if (ins.B > 1 || !ValidationContext.IsValueType(type))
        {
            Fail("invalid result arity");
        }

        if (!ValidationContext.IsValueType(type)) Fail("invalid result arity");
        Pop(ValueKind.I32);
        Pop(type);
        Pop(type);
        Push(type);
    }

    private static bool IsNumeric(ValueKind type) =>
        type is ValueKind.I32 or ValueKind.I64 or ValueKind.F32 or ValueKind.F64 or Unknown;
}
