namespace Djinn.Engine.Model;

/// <summary>
/// One decoded instruction with its immediates. Which fields are used depends on the opcode:
/// <list type="bullet">
/// <item>block/loop/if: <see cref="B"/> is the <see cref="BlockTypeKind"/>; <see cref="A"/> is the value type (Single) or type index (TypeIndex).</item>
/// <item>br, br_if: A = label depth. br_table: <see cref="Labels"/> = targets, A = default depth.</item>
/// <item>call: A = function index. call_indirect: A = type index, B = table index.</item>
/// <item>select (typed, 0x1C): A = the value type.</item>
/// <item>local.*, global.*: A = index. table.get/set/size/grow/fill: A = table index.</item>
/// <item>table.copy: A = destination table, B = source table. table.init: A = element segment, B = table. elem.drop: A = segment.</item>
/// <item>loads and stores: A = alignment exponent, B = offset. memory.init / data.drop: A = data segment index.</item>
/// <item>i32.const: A = the value's bits. i64.const: C = the value's bits. f32.const: A = bits. f64.const: C = bits.</item>
/// <item>ref.null: A = the reference <see cref="ValueKind"/>. ref.func: A = function index.</item>
/// <item>SIMD: v128.const and i8x16.shuffle hold their 16 bytes little-endian in C (bytes 0–7) and D (bytes 8–15);
/// SIMD loads and stores: A = alignment exponent, B = offset; load_lane/store_lane: A/B memarg and C = lane index;
/// extract_lane/replace_lane: A = lane index.</item>
/// </list>
/// <see cref="Offset"/> is the byte offset of the opcode in the module binary (or -1 when synthesized).
/// The rare immediates (br_table's targets, the high half of a 128-bit constant) share one reference field, which
/// keeps the struct at 32 bytes instead of 48: a 5 MB module decodes to about 1.5 million instructions.
/// </summary>
internal readonly struct Instruction
{
    private readonly object? _extra;

    public Instruction(Opcode opcode, int offset, uint a = 0, uint b = 0, ulong c = 0, ulong d = 0, uint[]? labels = null)
    {
        if (labels is not null && d != 0) throw new ArgumentException("an instruction has either labels or a high constant half");
        Opcode = opcode;
        Offset = offset;
        A = a;
        B = b;
        C = c;
        _extra = labels is not null ? labels : d != 0 ? d : null;
    }

    public Opcode Opcode { get; }
    public int Offset { get; }
    public uint A { get; }
    public uint B { get; }
    public ulong C { get; }
    /// <summary>Bytes 8–15 of a v128.const or i8x16.shuffle immediate.</summary>
    public ulong D => _extra is ulong d ? d : 0;
    /// <summary>br_table's label depths.</summary>
    public uint[]? Labels => _extra as uint[];

    public override string ToString() => $"{Opcode} a={A} b={B} c={C} @{Offset}";
}

/// <summary>How a block's type is given (https://webassembly.github.io/spec/core/binary/instructions.html#control-instructions).</summary>
internal enum BlockTypeKind : uint
{
    /// <summary>0x40: no parameters and no results.</summary>
    Empty = 0,
    /// <summary>A single result value type, in <see cref="Instruction.A"/>.</summary>
    Single = 1,
    /// <summary>A type index (multi-value), in <see cref="Instruction.A"/>.</summary>
    TypeIndex = 2,
}
