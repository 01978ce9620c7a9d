using System.Runtime.CompilerServices;
using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>Typing rules of the 128-bit SIMD instructions.</summary>
internal sealed partial class FunctionValidator
{
    /// <summary>
    /// One SIMD instruction (https://webassembly.github.io/spec/core/valid/instructions.html#vector-instructions), typed by
    /// the rule in <see cref="SimdSignatures"/>. Lane indices must be below the shape's lane count (below 32 for
    /// i8x16.shuffle), else "invalid lane index"; memory accesses need memory 0 and an alignment not larger than natural.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepSimd(in Instruction ins)
    {
        int sub = ins.Opcode - Opcode.SimdPrefix;
        var rule = (uint)sub < 256u ? SimdSignatures.Rule[sub] : SimdRule.Unassigned;
        switch (rule)
        {
            case SimdRule.Unary:
                Pop(ValueKind.V128);
                Push(ValueKind.V128);
                break;
            case SimdRule.Binary:
                Pop(ValueKind.V128);
                Pop(ValueKind.V128);
                Push(ValueKind.V128);
                break;
            case SimdRule.Ternary:
                Pop(ValueKind.V128);
                Pop(ValueKind.V128);
                Pop(ValueKind.V128);
                Push(ValueKind.V128);
                break;
            case SimdRule.Test:
                Pop(ValueKind.V128);
                Push(ValueKind.I32);
                break;
            case SimdRule.Shift:
                Pop(ValueKind.I32);
                Pop(ValueKind.V128);
                Push(ValueKind.V128);
                break;
            case SimdRule.Splat:
                Pop(SimdSignatures.Scalar[sub]);
                Push(ValueKind.V128);
                break;
            case SimdRule.ExtractLane:
                CheckLane(ins.A, sub);
                Pop(ValueKind.V128);
                Push(SimdSignatures.Scalar[sub]);
                break;
            case SimdRule.ReplaceLane:
                CheckLane(ins.A, sub);
                Pop(SimdSignatures.Scalar[sub]);
                Pop(ValueKind.V128);
                Push(ValueKind.V128);
                break;
            case SimdRule.Load:
                CheckSimdMemarg(in ins, sub);
                Pop(ValueKind.I32);
                Push(ValueKind.V128);
                break;
            case SimdRule.Store:
                CheckSimdMemarg(in ins, sub);
                Pop(ValueKind.V128);
                Pop(ValueKind.I32);
                break;
            case SimdRule.LoadLane:
                CheckSimdMemarg(in ins, sub);
                CheckLane(ins.C, sub);
                Pop(ValueKind.V128);
                Pop(ValueKind.I32);
                Push(ValueKind.V128);
                break;
            case SimdRule.StoreLane:
                CheckSimdMemarg(in ins, sub);
                CheckLane(ins.C, sub);
                Pop(ValueKind.V128);
                Pop(ValueKind.I32);
                break;
            case SimdRule.Const:
                Push(ValueKind.V128);
                break;
            case SimdRule.Shuffle:
                CheckShuffleLanes(ins.C);
                CheckShuffleLanes(ins.D);
                Pop(ValueKind.V128);
                Pop(ValueKind.V128);
                Push(ValueKind.V128);
                break;
            default:
                Fail($"unknown instruction 0xfd {sub}");
                break;
        }
    }

    private void CheckLane(ulong lane, int sub)
    {
        if (lane >= SimdSignatures.Lanes[sub]) Fail("invalid lane index");
    }

    private void CheckSimdMemarg(in Instruction ins, int sub)
    {
        RequireMemory();
        if (ins.A > SimdSignatures.NaturalAlignment[sub]) Fail("alignment must not be larger than natural");
    }

    // Eight shuffle lane indices packed little-endian; each must select one of the 32 lanes of the two operands.
    private void CheckShuffleLanes(ulong lanes)
    {
        if ((lanes & 0xE0E0_E0E0_E0E0_E0E0UL) != 0) Fail("invalid lane index");
    }
}
