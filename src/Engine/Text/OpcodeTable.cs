using Djinn.Engine.Model;

namespace Djinn.Engine.Text;

/// <summary>How an instruction's immediates are written in text.</summary>
internal enum Imm
{
    None, Block, Label, BrTable, Func, CallIndirect, Local, Global, Table, TableInit, TableCopy, Elem, Data,
    MemoryInit, Memarg, MemoryByte, MemoryCopy, I32, I64, F32, F64, V128, RefNull, Select,
    /// <summary>A SIMD lane index (extract_lane / replace_lane).</summary>
    Lane,
    /// <summary>A memarg then a SIMD lane index (load_lane / store_lane).</summary>
    MemargLane,
    /// <summary>The sixteen lane indices of i8x16.shuffle.</summary>
    Shuffle,
}

/// <summary>Plain instruction keywords (https://webassembly.github.io/spec/core/text/instructions.html) with their opcodes.</summary>
internal static partial class OpcodeTable
{
    /// <summary>Keyword to (opcode, immediate kind, natural alignment in bytes for memory accesses).</summary>
    public static readonly Dictionary<string, (Opcode Op, Imm Imm, int Align)> Entries = Build();

    private static Dictionary<string, (Opcode, Imm, int)> Build()
    {
        var d = new Dictionary<string, (Opcode, Imm, int)>(StringComparer.Ordinal);
        void Add(string name, int op, Imm imm = Imm.None, int align = 0) => d.Add(name, ((Opcode)op, imm, align));

        Add("unreachable", 0x00); Add("nop", 0x01);
        Add("block", 0x02, Imm.Block); Add("loop", 0x03, Imm.Block); Add("if", 0x04, Imm.Block);
        Add("br", 0x0C, Imm.Label); Add("br_if", 0x0D, Imm.Label); Add("br_table", 0x0E, Imm.BrTable);
        Add("return", 0x0F); Add("call", 0x10, Imm.Func); Add("call_indirect", 0x11, Imm.CallIndirect);
        Add("drop", 0x1A); Add("select", 0x1B, Imm.Select);
        Add("local.get", 0x20, Imm.Local); Add("local.set", 0x21, Imm.Local); Add("local.tee", 0x22, Imm.Local);
        Add("global.get", 0x23, Imm.Global); Add("global.set", 0x24, Imm.Global);
        Add("table.get", 0x25, Imm.Table); Add("table.set", 0x26, Imm.Table);

        (string, int)[] mem =
        [
            ("i32.load", 4), ("i64.load", 8), ("f32.load", 4), ("f64.load", 8),
            ("i32.load8_s", 1), ("i32.load8_u", 1), ("i32.load16_s", 2), ("i32.load16_u", 2),
            ("i64.load8_s", 1), ("i64.load8_u", 1), ("i64.load16_s", 2), ("i64.load16_u", 2), ("i64.load32_s", 4), ("i64.load32_u", 4),
            ("i32.store", 4), ("i64.store", 8), ("f32.store", 4), ("f64.store", 8),
            ("i32.store8", 1), ("i32.store16", 2), ("i64.store8", 1), ("i64.store16", 2), ("i64.store32", 4),
        ];
        for (int i = 0; i < mem.Length; i++) Add(mem[i].Item1, 0x28 + i, Imm.Memarg, mem[i].Item2);
        Add("memory.size", 0x3F, Imm.MemoryByte); Add("memory.grow", 0x40, Imm.MemoryByte);
        Add("i32.const", 0x41, Imm.I32); Add("i64.const", 0x42, Imm.I64);
        Add("f32.const", 0x43, Imm.F32); Add("f64.const", 0x44, Imm.F64);

        string numeric =
            "i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u " +
            "i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u " +
            "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge " +
            "i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u " +
            "i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr " +
            "i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u " +
            "i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr " +
            "f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign " +
            "f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign " +
            "i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s i64.extend_i32_u " +
            "i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u " +
            "f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s " +
            "f64.convert_i64_u f64.promote_f32 i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64 " +
            "i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s";
        int op = 0x45;
        foreach (var name in numeric.Split(' ')) Add(name, op++);

        Add("ref.null", 0xD0, Imm.RefNull); Add("ref.is_null", 0xD1); Add("ref.func", 0xD2, Imm.Func);

        string sat = "i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u " +
                     "i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u";
        op = 0x1000;
        foreach (var name in sat.Split(' ')) Add(name, op++);
        Add("memory.init", 0x1008, Imm.MemoryInit); Add("data.drop", 0x1009, Imm.Data);
        Add("memory.copy", 0x100A, Imm.MemoryCopy); Add("memory.fill", 0x100B, Imm.MemoryByte);
        Add("table.init", 0x100C, Imm.TableInit); Add("elem.drop", 0x100D, Imm.Elem);
        Add("table.copy", 0x100E, Imm.TableCopy); Add("table.grow", 0x100F, Imm.Table);
        Add("table.size", 0x1010, Imm.Table); Add("table.fill", 0x1011, Imm.Table);
        AddSimd(d);
        return d;
    }

    /// <summary>Writes an opcode: one byte, or a 0xFC/0xFD prefix and a LEB128 sub-opcode.</summary>
    public static void Write(ByteWriter w, Opcode op)
    {
        int v = (int)op;
        if (v < 0x100) w.Byte((byte)v);
        else if (v < 0x2000) { w.Byte(0xFC); w.U32((ulong)(v - 0x1000)); }
        else { w.Byte(0xFD); w.U32((ulong)(v - 0x2000)); }
    }
}
