using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>The typing rule of a SIMD instruction (https://webassembly.github.io/spec/core/valid/instructions.html#vector-instructions).</summary>
internal enum SimdRule : byte
{
    /// <summary>Not an assigned sub-opcode.</summary>
    Unassigned = 0,
    /// <summary>[v128] → [v128].</summary>
    Unary,
    /// <summary>[v128 v128] → [v128].</summary>
    Binary,
    /// <summary>[v128 v128 v128] → [v128] (bitselect).</summary>
    Ternary,
    /// <summary>[v128] → [i32] (any_true, all_true, bitmask).</summary>
    Test,
    /// <summary>[v128 i32] → [v128] (shl, shr_s, shr_u).</summary>
    Shift,
    /// <summary>[scalar] → [v128].</summary>
    Splat,
    /// <summary>[v128] → [scalar] with a lane index below the lane count.</summary>
    ExtractLane,
    /// <summary>[v128 scalar] → [v128] with a lane index below the lane count.</summary>
    ReplaceLane,
    /// <summary>[i32] → [v128] with a memarg.</summary>
    Load,
    /// <summary>[i32 v128] → [] with a memarg.</summary>
    Store,
    /// <summary>[i32 v128] → [v128] with a memarg and a lane index.</summary>
    LoadLane,
    /// <summary>[i32 v128] → [] with a memarg and a lane index.</summary>
    StoreLane,
    /// <summary>[] → [v128].</summary>
    Const,
    /// <summary>[v128 v128] → [v128] with sixteen lane indices below 32.</summary>
    Shuffle,
}

/// <summary>
/// Typing tables of the SIMD instructions, indexed by sub-opcode (the <see cref="Opcode"/> minus
/// <see cref="Opcode.SimdPrefix"/>), so the validator needs no per-opcode branch
/// (https://webassembly.github.io/spec/core/valid/instructions.html#vector-instructions,
/// https://webassembly.github.io/spec/core/valid/instructions.html#memory-instructions).
/// </summary>
internal static class SimdSignatures
{
    /// <summary>The rule of each sub-opcode.</summary>
    public static readonly SimdRule[] Rule = new SimdRule[256];

    /// <summary>The scalar operand or result of splat, extract_lane and replace_lane.</summary>
    public static readonly ValueKind[] Scalar = new ValueKind[256];

    /// <summary>The lane count of extract_lane, replace_lane, load_lane and store_lane.</summary>
    public static readonly byte[] Lanes = new byte[256];

    /// <summary>Log2 of the natural alignment (bytes accessed) of the loads and stores.</summary>
    public static readonly byte[] NaturalAlignment = new byte[256];

    private const ValueKind I32 = ValueKind.I32, I64 = ValueKind.I64, F32 = ValueKind.F32, F64 = ValueKind.F64;

    static SimdSignatures()
    {
        // Every assigned sub-opcode without immediates is binary unless listed below.
        foreach (var opcode in Enum.GetValues<Opcode>())
        {
            int sub = (int)opcode - (int)Opcode.SimdPrefix;
            if (sub >= 0 && sub < 256) Rule[sub] = SimdRule.Binary;
        }

        // Memory: v128.load, the extending loads, the splat loads, v128.store, the lane and zero loads/stores.
        Memory(0x00, SimdRule.Load, 4);
        for (int sub = 0x01; sub <= 0x06; sub++) Memory(sub, SimdRule.Load, 3);
        for (int sub = 0x07; sub <= 0x0A; sub++) Memory(sub, SimdRule.Load, (byte)(sub - 0x07));
        Memory(0x0B, SimdRule.Store, 4);
        for (int sub = 0x54; sub <= 0x57; sub++) Lane(sub, SimdRule.LoadLane, sub - 0x54);
        for (int sub = 0x58; sub <= 0x5B; sub++) Lane(sub, SimdRule.StoreLane, sub - 0x58);
        Memory(0x5C, SimdRule.Load, 2);
        Memory(0x5D, SimdRule.Load, 3);

        Rule[0x0C] = SimdRule.Const;
        Rule[0x0D] = SimdRule.Shuffle;

        // Splats, extract_lane and replace_lane by shape.
        Splat(0x0F, I32);
        Splat(0x10, I32);
        Splat(0x11, I32);
        Splat(0x12, I64);
        Splat(0x13, F32);
        Splat(0x14, F64);
        LaneAccess(0x15, SimdRule.ExtractLane, I32, 16);
        LaneAccess(0x16, SimdRule.ExtractLane, I32, 16);
        LaneAccess(0x17, SimdRule.ReplaceLane, I32, 16);
        LaneAccess(0x18, SimdRule.ExtractLane, I32, 8);
        LaneAccess(0x19, SimdRule.ExtractLane, I32, 8);
        LaneAccess(0x1A, SimdRule.ReplaceLane, I32, 8);
        LaneAccess(0x1B, SimdRule.ExtractLane, I32, 4);
        LaneAccess(0x1C, SimdRule.ReplaceLane, I32, 4);
        LaneAccess(0x1D, SimdRule.ExtractLane, I64, 2);
        LaneAccess(0x1E, SimdRule.ReplaceLane, I64, 2);
        LaneAccess(0x1F, SimdRule.ExtractLane, F32, 4);
        LaneAccess(0x20, SimdRule.ReplaceLane, F32, 4);
        LaneAccess(0x21, SimdRule.ExtractLane, F64, 2);
        LaneAccess(0x22, SimdRule.ReplaceLane, F64, 2);

        Rule[0x52] = SimdRule.Ternary; // v128.bitselect
        Set(SimdRule.Test, 0x53, 0x63, 0x64, 0x83, 0x84, 0xA3, 0xA4, 0xC3, 0xC4); // any_true, all_true, bitmask
        Set(SimdRule.Shift, 0x6B, 0x6C, 0x6D, 0x8B, 0x8C, 0x8D, 0xAB, 0xAC, 0xAD, 0xCB, 0xCC, 0xCD);

        // [v128] -> [v128]: not, demote/promote, abs/neg/popcnt, rounding, extadd_pairwise, extend, sqrt, conversions.
        Set(SimdRule.Unary, 0x4D, 0x5E, 0x5F, 0x60, 0x61, 0x62, 0x67, 0x68, 0x69, 0x6A, 0x74, 0x75, 0x7A,
            0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0x81, 0x87, 0x88, 0x89, 0x8A, 0x94, 0xA0, 0xA1, 0xA7, 0xA8, 0xA9, 0xAA,
            0xC0, 0xC1, 0xC7, 0xC8, 0xC9, 0xCA, 0xE0, 0xE1, 0xE3, 0xEC, 0xED, 0xEF,
            0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF);
    }

    private static void Memory(int sub, SimdRule rule, byte log2Width)
    {
        Rule[sub] = rule;
        NaturalAlignment[sub] = log2Width;
    }

    // load_lane / store_lane of 8 << log2Bytes bits: natural alignment log2Bytes, 16 >> log2Bytes lanes.
    private static void Lane(int sub, SimdRule rule, int log2Bytes)
    {
        Rule[sub] = rule;
        NaturalAlignment[sub] = (byte)log2Bytes;
        Lanes[sub] = (byte)(16 >> log2Bytes);
    }

    private static void Splat(int sub, ValueKind scalar)
    {
        Rule[sub] = SimdRule.Splat;
        Scalar[sub] = scalar;
    }

    private static void LaneAccess(int sub, SimdRule rule, ValueKind scalar, byte lanes)
    {
        Rule[sub] = rule;
        Scalar[sub] = scalar;
        Lanes[sub] = lanes;
    }

    private static void Set(SimdRule rule, params ReadOnlySpan<int> subs)
    {
        foreach (int sub in subs) Rule[sub] = rule;
    }
}
