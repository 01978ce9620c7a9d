using Djinn.Engine.Model;
using Djinn.Engine.Validation;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Chooses the i32 locals that are held zero-extended in 64-bit IL locals because they serve as memory addresses.
/// <para>
/// An address is zero-extended to 64 bits before it indexes the memory. With an i32 IL local, RyuJIT emits that
/// extension into a second register before every access (<c>mov esi, edx</c>, then <c>[rdi+rsi]</c>), several
/// times per element in matmul's inner loop. A 64-bit local is extended where it is written instead
/// (<c>conv.u8</c>), which RyuJIT drops when the value was just computed by a 32-bit operation in the same
/// register (such an operation clears the upper half); a <c>local.get</c> whose value is a load's or store's address
/// then indexes the memory directly, and pointer arithmetic on it reads the low half (<c>conv.i4</c>, no instruction).
/// </para>
/// A local qualifies when it is declared (not a parameter: the method's signature stays as it is), has type i32, is
/// read at least once as an address, and every read is either an address or an operand of <c>i32.add</c> or
/// <c>i32.sub</c> (a pointer stepping through memory). A local also used in comparisons, shifts or other arithmetic
/// stays an i32 local: there, reading the low half of a 64-bit local made interp's dispatch loop 13% slower.
/// Which instruction consumes a <c>local.get</c>'s value is found by following the operand stack through the
/// straight-line code after it (<see cref="Consumer"/>); anything else it meets counts as another use.
/// </summary>
internal static class AddressLocals
{
    private const int LookAhead = 64;

    /// <summary>The chosen locals (per local index, parameters included) and, per instruction, whether it is a <c>local.get</c> of one whose value is an address.</summary>
    public sealed record Choice(bool[] Wide, bool[] AddressAt);

    public static Choice? Choose(Instruction[] code, int paramCount, ValueKind[] localTypes)
    {
        var addressUses = new int[localTypes.Length];
        var otherUses = new int[localTypes.Length];
        var isAddress = new bool[code.Length];
        for (int pc = 0; pc < code.Length; pc++)
        {
            if (code[pc].Opcode != Opcode.LocalGet) continue;
            uint index = code[pc].A;
            if (index < paramCount || localTypes[index] != ValueKind.I32) continue;
            var consumer = Consumer(code, pc);
            if (consumer is Use.Address) { addressUses[index]++; isAddress[pc] = true; }
            else if (consumer is not Use.PointerArithmetic) otherUses[index]++;
        }
        bool[]? wide = null;
        for (int i = 0; i < localTypes.Length; i++)
        {
            if (addressUses[i] == 0 || otherUses[i] != 0) continue;
            wide ??= new bool[localTypes.Length];
            wide[i] = true;
        }
        if (wide is null) return null;
        for (int pc = 0; pc < code.Length; pc++)
            if (isAddress[pc] && !wide[code[pc].A]) isAddress[pc] = false;
        return new Choice(wide, isAddress);
    }

    private enum Use { Address, PointerArithmetic, Other }

    /// <summary>How the value pushed by the <c>local.get</c> at <paramref name="pc"/> is consumed.</summary>
    private static Use Consumer(Instruction[] code, int pc)
    {
        int depth = 1;  // values on the stack from the local.get's value up
        for (int i = pc + 1; i < code.Length && i <= pc + LookAhead; i++)
        {
            var op = code[i].Opcode;
            var (pops, pushes) = StackEffect(op);
            if (pops < 0) return Use.Other;
            if (pops >= depth)
            {
                // This instruction takes the value: as operand number (pops - depth) from the bottom.
                if (IsScalarLoad(op) && depth == 1) return Use.Address;
                if (IsScalarStore(op) && depth == 2) return Use.Address;
                if (op is Opcode.I32Add or Opcode.I32Sub) return Use.PointerArithmetic;
                return Use.Other;
            }
            depth += pushes - pops;
        }
        return Use.Other;
    }

    /// <summary>
    /// Values popped and pushed by the straight-line instructions the compiler emits without spilling the IL stack;
    /// (-1, 0) for any other. Numeric instructions take their arity from the validator's signature table.
    /// </summary>
    private static (int Pops, int Pushes) StackEffect(Opcode op) => op switch
    {
        Opcode.LocalGet or Opcode.GlobalGet or Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const => (0, 1),
        Opcode.LocalTee => (1, 1),
        Opcode.LocalSet or Opcode.Drop => (1, 0),
        _ when IsScalarLoad(op) => (1, 1),
        _ when IsScalarStore(op) => (2, 0),
        _ when (ushort)op is >= OperatorSignatures.FirstNumeric and <= OperatorSignatures.LastNumeric =>
            (OperatorSignatures.Second[(int)op] == 0 ? 1 : 2, 1),
        _ => (-1, 0),
    };

    /// <summary>The loads whose address the compiler takes from the top of the stack (<c>EmitInlineLoad</c>).</summary>
    private static bool IsScalarLoad(Opcode op) => IsMemoryAccess(op) && !OperatorSignatures.IsStore(op);

    /// <summary>The stores whose address the compiler takes from below the value (<c>EmitInlineStore</c>).</summary>
    private static bool IsScalarStore(Opcode op) => IsMemoryAccess(op) && OperatorSignatures.IsStore(op);

    private static bool IsMemoryAccess(Opcode op) =>
        (ushort)op is >= OperatorSignatures.FirstMemoryAccess and <= OperatorSignatures.LastMemoryAccess;
}
