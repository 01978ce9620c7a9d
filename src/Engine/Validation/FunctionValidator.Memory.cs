using System.Runtime.CompilerServices;
using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>Typing rules of memory, table, reference and bulk-memory instructions.</summary>
internal sealed partial class FunctionValidator
{
    /// <summary>Loads and stores (https://webassembly.github.io/spec/core/valid/instructions.html#memory-instructions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MemoryAccess(in Instruction ins)
    {
        var op = ins.Opcode;
        RequireMemory();
        if (ins.A > OperatorSignatures.NaturalAlignment[(int)op]) Fail("alignment must not be larger than natural");
        var type = OperatorSignatures.AccessType[(int)op];
        if (OperatorSignatures.IsStore(op))
        {
            Pop(type);
            Pop(ValueKind.I32);
        }
        else
        {
            Pop(ValueKind.I32);
            Push(type);
        }
    }

    /// <summary>Reference, table, bulk-memory, saturating-truncation, remaining memory and SIMD instructions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepExtended(in Instruction ins)
    {
        if (ins.Opcode >= Opcode.SimdPrefix)
        {
            StepSimd(in ins);
            return;
        }

        switch (ins.Opcode)
        {
            // https://webassembly.github.io/spec/core/valid/instructions.html#memory-instructions
            case Opcode.MemorySize:
                RequireMemory();
                Push(ValueKind.I32);
                break;
            case Opcode.MemoryGrow:
                RequireMemory();
                Pop(ValueKind.I32);
                Push(ValueKind.I32);
                break;
            case Opcode.MemoryFill:
            case Opcode.MemoryCopy:
                RequireMemory();
                PopI32x3();
                break;
            case Opcode.MemoryInit:
                RequireMemory();
                RequireData(ins.A);
                PopI32x3();
                break;
            case Opcode.DataDrop:
                RequireData(ins.A);
                break;

            // https://webassembly.github.io/spec/core/valid/instructions.html#reference-instructions
            case Opcode.RefNull:
            {
                var type = (ValueKind)ins.A;
                if (!type.IsReference()) Fail("malformed reference type");
                Push(type);
                break;
            }
            case Opcode.RefIsNull:
            {
                var type = Pop();
                if (type != Unknown && !type.IsReference()) Fail("type mismatch");
                Push(ValueKind.I32);
                break;
            }
            case Opcode.RefFunc:
                if (ins.A >= (uint)_c.FunctionTypes.Length) Fail($"unknown function {ins.A}");
                if (!_c.Refs[ins.A]) Fail("undeclared function reference");
                Push(ValueKind.FuncRef);
                break;

            // https://webassembly.github.io/spec/core/valid/instructions.html#table-instructions
            case Opcode.TableGet:
            {
                var type = TableElementType(ins.A);
                Pop(ValueKind.I32);
                Push(type);
                break;
            }
            case Opcode.TableSet:
            {
                var type = TableElementType(ins.A);
                Pop(type);
                Pop(ValueKind.I32);
                break;
            }
            case Opcode.TableSize:
                TableElementType(ins.A);
                Push(ValueKind.I32);
                break;
            case Opcode.TableGrow:
            {
                var type = TableElementType(ins.A);
                Pop(ValueKind.I32);
                Pop(type);
                Push(ValueKind.I32);
                break;
            }
            case Opcode.TableFill:
            {
                var type = TableElementType(ins.A);
                Pop(ValueKind.I32);
                Pop(type);
                Pop(ValueKind.I32);
                break;
            }
            case Opcode.TableCopy:
            {
                var destination = TableElementType(ins.A);
                var source = TableElementType(ins.B);
                if (destination != source) Fail("type mismatch");
                PopI32x3();
                break;
            }
            case Opcode.TableInit:
            {
                var table = TableElementType(ins.B);
                var segment = ElementSegmentType(ins.A);
                if (table != segment) Fail("type mismatch");
                PopI32x3();
                break;
            }
            case Opcode.ElemDrop:
                ElementSegmentType(ins.A);
                break;

            case >= Opcode.I32TruncSatF32S and <= Opcode.I64TruncSatF64U:
            {
                int n = ins.Opcode - Opcode.I32TruncSatF32S;
                Pop(OperatorSignatures.TruncSatOperand[n]);
                Push(OperatorSignatures.TruncSatResult[n]);
                break;
            }

            default:
                Fail($"unknown instruction 0x{(ushort)ins.Opcode:x}");
                break;
        }
    }

    private void RequireMemory()
    {
        if (_c.MemoryCount == 0) Fail("unknown memory 0");
    }

    private void RequireData(uint index)
    {
        if (index >= (uint)_c.DataCount) Fail($"unknown data segment {index}");
    }

    private ValueKind TableElementType(uint index)
    {
        if (index >= (uint)_c.Tables.Length) Fail($"unknown table {index}");
        return _c.Tables[index].ElementType;
    }

    private ValueKind ElementSegmentType(uint index)
    {
        if (index >= (uint)_c.ElementTypes.Length) Fail($"unknown elem segment {index}");
        return _c.ElementTypes[index];
    }

    private void PopI32x3()
    {
        Pop(ValueKind.I32);
        Pop(ValueKind.I32);
        Pop(ValueKind.I32);
    }
}
