using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>
/// Operand and result types of the fixed-signature numeric instructions and of the memory accesses, as
/// lookup tables indexed by opcode so the type checker needs no per-opcode branch
/// (https://webassembly.github.io/spec/core/valid/instructions.html#numeric-instructions,
/// https://webassembly.github.io/spec/core/valid/instructions.html#memory-instructions).
/// </summary>
internal static class OperatorSignatures
{
    /// <summary>First single-byte numeric opcode (i32.eqz).</summary>
    public const ushort FirstNumeric = (ushort)Opcode.I32Eqz;

    /// <summary>Last single-byte numeric opcode (i64.extend32_s).</summary>
    public const ushort LastNumeric = (ushort)Opcode.I64Extend32S;

    /// <summary>First load/store opcode (i32.load).</summary>
    public const ushort FirstMemoryAccess = (ushort)Opcode.I32Load;

    /// <summary>Last load/store opcode (i64.store32).</summary>
    public const ushort LastMemoryAccess = (ushort)Opcode.I64Store32;

    /// <summary>First operand type (the deeper one for binary operators), indexed by opcode.</summary>
    public static readonly ValueKind[] First = new ValueKind[256];

    /// <summary>Second operand type, or 0 for unary operators; indexed by opcode.</summary>
    public static readonly ValueKind[] Second = new ValueKind[256];

    /// <summary>Result type, indexed by opcode.</summary>
    public static readonly ValueKind[] Result = new ValueKind[256];

    /// <summary>Value type of a load's result or a store's operand, indexed by opcode.</summary>
    public static readonly ValueKind[] AccessType = new ValueKind[256];

    /// <summary>Log2 of the natural alignment (access width in bytes), indexed by opcode.</summary>
    public static readonly byte[] NaturalAlignment = new byte[256];

    /// <summary>Operand type of the saturating truncations 0xFC 0..7.</summary>
    public static readonly ValueKind[] TruncSatOperand =
        [ValueKind.F32, ValueKind.F32, ValueKind.F64, ValueKind.F64, ValueKind.F32, ValueKind.F32, ValueKind.F64, ValueKind.F64];

    /// <summary>Result type of the saturating truncations 0xFC 0..7.</summary>
    public static readonly ValueKind[] TruncSatResult =
        [ValueKind.I32, ValueKind.I32, ValueKind.I32, ValueKind.I32, ValueKind.I64, ValueKind.I64, ValueKind.I64, ValueKind.I64];

    private const ValueKind I32 = ValueKind.I32, I64 = ValueKind.I64, F32 = ValueKind.F32, F64 = ValueKind.F64;

    static OperatorSignatures()
    {
        // Tests and comparisons.
        Unary(Opcode.I32Eqz, Opcode.I32Eqz, I32, I32);
        Binary(Opcode.I32Eq, Opcode.I32GeU, I32, I32);
        Unary(Opcode.I64Eqz, Opcode.I64Eqz, I64, I32);
        Binary(Opcode.I64Eq, Opcode.I64GeU, I64, I32);
        Binary(Opcode.F32Eq, Opcode.F32Ge, F32, I32);
        Binary(Opcode.F64Eq, Opcode.F64Ge, F64, I32);

        // Arithmetic.
        Unary(Opcode.I32Clz, Opcode.I32Popcnt, I32, I32);
        Binary(Opcode.I32Add, Opcode.I32Rotr, I32, I32);
        Unary(Opcode.I64Clz, Opcode.I64Popcnt, I64, I64);
        Binary(Opcode.I64Add, Opcode.I64Rotr, I64, I64);
        Unary(Opcode.F32Abs, Opcode.F32Sqrt, F32, F32);
        Binary(Opcode.F32Add, Opcode.F32Copysign, F32, F32);
        Unary(Opcode.F64Abs, Opcode.F64Sqrt, F64, F64);
        Binary(Opcode.F64Add, Opcode.F64Copysign, F64, F64);

        // Conversions.
        Unary(Opcode.I32WrapI64, Opcode.I32WrapI64, I64, I32);
        Unary(Opcode.I32TruncF32S, Opcode.I32TruncF32U, F32, I32);
        Unary(Opcode.I32TruncF64S, Opcode.I32TruncF64U, F64, I32);
        Unary(Opcode.I64ExtendI32S, Opcode.I64ExtendI32U, I32, I64);
        Unary(Opcode.I64TruncF32S, Opcode.I64TruncF32U, F32, I64);
        Unary(Opcode.I64TruncF64S, Opcode.I64TruncF64U, F64, I64);
        Unary(Opcode.F32ConvertI32S, Opcode.F32ConvertI32U, I32, F32);
        Unary(Opcode.F32ConvertI64S, Opcode.F32ConvertI64U, I64, F32);
        Unary(Opcode.F32DemoteF64, Opcode.F32DemoteF64, F64, F32);
        Unary(Opcode.F64ConvertI32S, Opcode.F64ConvertI32U, I32, F64);
        Unary(Opcode.F64ConvertI64S, Opcode.F64ConvertI64U, I64, F64);
        Unary(Opcode.F64PromoteF32, Opcode.F64PromoteF32, F32, F64);
        Unary(Opcode.I32ReinterpretF32, Opcode.I32ReinterpretF32, F32, I32);
        Unary(Opcode.I64ReinterpretF64, Opcode.I64ReinterpretF64, F64, I64);
        Unary(Opcode.F32ReinterpretI32, Opcode.F32ReinterpretI32, I32, F32);
        Unary(Opcode.F64ReinterpretI64, Opcode.F64ReinterpretI64, I64, F64);
        Unary(Opcode.I32Extend8S, Opcode.I32Extend16S, I32, I32);
        Unary(Opcode.I64Extend8S, Opcode.I64Extend32S, I64, I64);

        // Loads and stores: value type and log2 of the access width.
        Access(Opcode.I32Load, I32, 2);
        Access(Opcode.I64Load, I64, 3);
        Access(Opcode.F32Load, F32, 2);
        Access(Opcode.F64Load, F64, 3);
        Access(Opcode.I32Load8S, I32, 0);
        Access(Opcode.I32Load8U, I32, 0);
        Access(Opcode.I32Load16S, I32, 1);
        Access(Opcode.I32Load16U, I32, 1);
        Access(Opcode.I64Load8S, I64, 0);
        Access(Opcode.I64Load8U, I64, 0);
        Access(Opcode.I64Load16S, I64, 1);
        Access(Opcode.I64Load16U, I64, 1);
        Access(Opcode.I64Load32S, I64, 2);
        Access(Opcode.I64Load32U, I64, 2);
        Access(Opcode.I32Store, I32, 2);
        Access(Opcode.I64Store, I64, 3);
        Access(Opcode.F32Store, F32, 2);
        Access(Opcode.F64Store, F64, 3);
        Access(Opcode.I32Store8, I32, 0);
        Access(Opcode.I32Store16, I32, 1);
        Access(Opcode.I64Store8, I64, 0);
        Access(Opcode.I64Store16, I64, 1);
        Access(Opcode.I64Store32, I64, 2);
    }

    /// <summary>True for the stores among the load/store opcodes.</summary>
    public static bool IsStore(Opcode opcode) => opcode >= Opcode.I32Store;

    private static void Unary(Opcode from, Opcode to, ValueKind operand, ValueKind result)
    {
        for (int op = (int)from; op <= (int)to; op++)
        {
            First[op] = operand;
            Result[op] = result;
        }
    }

    private static void Binary(Opcode from, Opcode to, ValueKind operand, ValueKind result)
    {
        for (int op = (int)from; op <= (int)to; op++)
        {
            First[op] = operand;
            Second[op] = operand;
            Result[op] = result;
        }
    }

    private static void Access(Opcode opcode, ValueKind type, byte log2Width)
    {
        AccessType[(int)opcode] = type;
        NaturalAlignment[(int)opcode] = log2Width;
    }
}
