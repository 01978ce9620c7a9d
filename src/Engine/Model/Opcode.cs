namespace Djinn.Engine.Model;

/// <summary>
/// Instruction opcodes (https://webassembly.github.io/spec/core/binary/instructions.html).
/// Single-byte opcodes keep their byte value; 0xFC-prefixed ones are 0x1000 + sub-opcode;
/// 0xFD-prefixed (SIMD) ones are 0x2000 + sub-opcode.
/// </summary>
internal enum Opcode : ushort
{
    Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05,
    End = 0x0B, Br = 0x0C, BrIf = 0x0D, BrTable = 0x0E, Return = 0x0F,
    Call = 0x10, CallIndirect = 0x11,
    Drop = 0x1A, Select = 0x1B, SelectTyped = 0x1C,
    LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22, GlobalGet = 0x23, GlobalSet = 0x24,
    TableGet = 0x25, TableSet = 0x26,
    I32Load = 0x28, I64Load = 0x29, F32Load = 0x2A, F64Load = 0x2B,
    I32Load8S = 0x2C, I32Load8U = 0x2D, I32Load16S = 0x2E, I32Load16U = 0x2F,
    I64Load8S = 0x30, I64Load8U = 0x31, I64Load16S = 0x32, I64Load16U = 0x33, I64Load32S = 0x34, I64Load32U = 0x35,
    I32Store = 0x36, I64Store = 0x37, F32Store = 0x38, F64Store = 0x39,
    I32Store8 = 0x3A, I32Store16 = 0x3B, I64Store8 = 0x3C, I64Store16 = 0x3D, I64Store32 = 0x3E,
    MemorySize = 0x3F, MemoryGrow = 0x40,
    I32Const = 0x41, I64Const = 0x42, F32Const = 0x43, F64Const = 0x44,

    I32Eqz = 0x45, I32Eq = 0x46, I32Ne = 0x47, I32LtS = 0x48, I32LtU = 0x49, I32GtS = 0x4A, I32GtU = 0x4B,
    I32LeS = 0x4C, I32LeU = 0x4D, I32GeS = 0x4E, I32GeU = 0x4F,
    I64Eqz = 0x50, I64Eq = 0x51, I64Ne = 0x52, I64LtS = 0x53, I64LtU = 0x54, I64GtS = 0x55, I64GtU = 0x56,
    I64LeS = 0x57, I64LeU = 0x58, I64GeS = 0x59, I64GeU = 0x5A,
    F32Eq = 0x5B, F32Ne = 0x5C, F32Lt = 0x5D, F32Gt = 0x5E, F32Le = 0x5F, F32Ge = 0x60,
    F64Eq = 0x61, F64Ne = 0x62, F64Lt = 0x63, F64Gt = 0x64, F64Le = 0x65, F64Ge = 0x66,

    I32Clz = 0x67, I32Ctz = 0x68, I32Popcnt = 0x69, I32Add = 0x6A, I32Sub = 0x6B, I32Mul = 0x6C,
    I32DivS = 0x6D, I32DivU = 0x6E, I32RemS = 0x6F, I32RemU = 0x70, I32And = 0x71, I32Or = 0x72, I32Xor = 0x73,
    I32Shl = 0x74, I32ShrS = 0x75, I32ShrU = 0x76, I32Rotl = 0x77, I32Rotr = 0x78,
    I64Clz = 0x79, I64Ctz = 0x7A, I64Popcnt = 0x7B, I64Add = 0x7C, I64Sub = 0x7D, I64Mul = 0x7E,
    I64DivS = 0x7F, I64DivU = 0x80, I64RemS = 0x81, I64RemU = 0x82, I64And = 0x83, I64Or = 0x84, I64Xor = 0x85,
    I64Shl = 0x86, I64ShrS = 0x87, I64ShrU = 0x88, I64Rotl = 0x89, I64Rotr = 0x8A,
    F32Abs = 0x8B, F32Neg = 0x8C, F32Ceil = 0x8D, F32Floor = 0x8E, F32Trunc = 0x8F, F32Nearest = 0x90, F32Sqrt = 0x91,
    F32Add = 0x92, F32Sub = 0x93, F32Mul = 0x94, F32Div = 0x95, F32Min = 0x96, F32Max = 0x97, F32Copysign = 0x98,
    F64Abs = 0x99, F64Neg = 0x9A, F64Ceil = 0x9B, F64Floor = 0x9C, F64Trunc = 0x9D, F64Nearest = 0x9E, F64Sqrt = 0x9F,
    F64Add = 0xA0, F64Sub = 0xA1, F64Mul = 0xA2, F64Div = 0xA3, F64Min = 0xA4, F64Max = 0xA5, F64Copysign = 0xA6,

    I32WrapI64 = 0xA7, I32TruncF32S = 0xA8, I32TruncF32U = 0xA9, I32TruncF64S = 0xAA, I32TruncF64U = 0xAB,
    I64ExtendI32S = 0xAC, I64ExtendI32U = 0xAD, I64TruncF32S = 0xAE, I64TruncF32U = 0xAF, I64TruncF64S = 0xB0, I64TruncF64U = 0xB1,
    F32ConvertI32S = 0xB2, F32ConvertI32U = 0xB3, F32ConvertI64S = 0xB4, F32ConvertI64U = 0xB5, F32DemoteF64 = 0xB6,
    F64ConvertI32S = 0xB7, F64ConvertI32U = 0xB8, F64ConvertI64S = 0xB9, F64ConvertI64U = 0xBA, F64PromoteF32 = 0xBB,
    I32ReinterpretF32 = 0xBC, I64ReinterpretF64 = 0xBD, F32ReinterpretI32 = 0xBE, F64ReinterpretI64 = 0xBF,
    I32Extend8S = 0xC0, I32Extend16S = 0xC1, I64Extend8S = 0xC2, I64Extend16S = 0xC3, I64Extend32S = 0xC4,

    RefNull = 0xD0, RefIsNull = 0xD1, RefFunc = 0xD2,

    I32TruncSatF32S = 0x1000, I32TruncSatF32U = 0x1001, I32TruncSatF64S = 0x1002, I32TruncSatF64U = 0x1003,
    I64TruncSatF32S = 0x1004, I64TruncSatF32U = 0x1005, I64TruncSatF64S = 0x1006, I64TruncSatF64U = 0x1007,
    MemoryInit = 0x1008, DataDrop = 0x1009, MemoryCopy = 0x100A, MemoryFill = 0x100B,
    TableInit = 0x100C, ElemDrop = 0x100D, TableCopy = 0x100E, TableGrow = 0x100F, TableSize = 0x1010, TableFill = 0x1011,

    /// <summary>The first SIMD opcode value; SIMD opcodes are this plus the sub-opcode.</summary>
    SimdPrefix = 0x2000,

    // SIMD (0xFD prefix): 0x2000 + sub-opcode (https://webassembly.github.io/spec/core/binary/instructions.html#vector-instructions).
    /// <summary><c>v128.load</c></summary>
    V128Load = SimdPrefix + 0x00,
    /// <summary><c>v128.load8x8_s</c></summary>
    V128Load8x8S = 0x2000 + 0x01,
    /// <summary><c>v128.load8x8_u</c></summary>
    V128Load8x8U = 0x2000 + 0x02,
    /// <summary><c>v128.load16x4_s</c></summary>
    V128Load16x4S = 0x2000 + 0x03,
    /// <summary><c>v128.load16x4_u</c></summary>
    V128Load16x4U = 0x2000 + 0x04,
    /// <summary><c>v128.load32x2_s</c></summary>
    V128Load32x2S = 0x2000 + 0x05,
    /// <summary><c>v128.load32x2_u</c></summary>
    V128Load32x2U = 0x2000 + 0x06,
    /// <summary><c>v128.load8_splat</c></summary>
    V128Load8Splat = 0x2000 + 0x07,
    /// <summary><c>v128.load16_splat</c></summary>
    V128Load16Splat = 0x2000 + 0x08,
    /// <summary><c>v128.load32_splat</c></summary>
    V128Load32Splat = 0x2000 + 0x09,
    /// <summary><c>v128.load64_splat</c></summary>
    V128Load64Splat = 0x2000 + 0x0a,
    /// <summary><c>v128.store</c></summary>
    V128Store = 0x2000 + 0x0b,
    /// <summary><c>v128.const</c></summary>
    V128Const = 0x2000 + 0x0c,
    /// <summary><c>i8x16.shuffle</c></summary>
    I8x16Shuffle = 0x2000 + 0x0d,
    /// <summary><c>i8x16.swizzle</c></summary>
    I8x16Swizzle = 0x2000 + 0x0e,
    /// <summary><c>i8x16.splat</c></summary>
    I8x16Splat = 0x2000 + 0x0f,
    /// <summary><c>i16x8.splat</c></summary>
    I16x8Splat = 0x2000 + 0x10,
    /// <summary><c>i32x4.splat</c></summary>
    I32x4Splat = 0x2000 + 0x11,
    /// <summary><c>i64x2.splat</c></summary>
    I64x2Splat = 0x2000 + 0x12,
    /// <summary><c>f32x4.splat</c></summary>
    F32x4Splat = 0x2000 + 0x13,
    /// <summary><c>f64x2.splat</c></summary>
    F64x2Splat = 0x2000 + 0x14,
    /// <summary><c>i8x16.extract_lane_s</c></summary>
    I8x16ExtractLaneS = 0x2000 + 0x15,
    /// <summary><c>i8x16.extract_lane_u</c></summary>
    I8x16ExtractLaneU = 0x2000 + 0x16,
    /// <summary><c>i8x16.replace_lane</c></summary>
    I8x16ReplaceLane = 0x2000 + 0x17,
    /// <summary><c>i16x8.extract_lane_s</c></summary>
    I16x8ExtractLaneS = 0x2000 + 0x18,
    /// <summary><c>i16x8.extract_lane_u</c></summary>
    I16x8ExtractLaneU = 0x2000 + 0x19,
    /// <summary><c>i16x8.replace_lane</c></summary>
    I16x8ReplaceLane = 0x2000 + 0x1a,
    /// <summary><c>i32x4.extract_lane</c></summary>
    I32x4ExtractLane = 0x2000 + 0x1b,
    /// <summary><c>i32x4.replace_lane</c></summary>
    I32x4ReplaceLane = 0x2000 + 0x1c,
    /// <summary><c>i64x2.extract_lane</c></summary>
    I64x2ExtractLane = 0x2000 + 0x1d,
    /// <summary><c>i64x2.replace_lane</c></summary>
    I64x2ReplaceLane = 0x2000 + 0x1e,
    /// <summary><c>f32x4.extract_lane</c></summary>
    F32x4ExtractLane = 0x2000 + 0x1f,
    /// <summary><c>f32x4.replace_lane</c></summary>
    F32x4ReplaceLane = 0x2000 + 0x20,
    /// <summary><c>f64x2.extract_lane</c></summary>
    F64x2ExtractLane = 0x2000 + 0x21,
    /// <summary><c>f64x2.replace_lane</c></summary>
    F64x2ReplaceLane = 0x2000 + 0x22,
    /// <summary><c>i8x16.eq</c></summary>
    I8x16Eq = 0x2000 + 0x23,
    /// <summary><c>i8x16.ne</c></summary>
    I8x16Ne = 0x2000 + 0x24,
    /// <summary><c>i8x16.lt_s</c></summary>
    I8x16LtS = 0x2000 + 0x25,
    /// <summary><c>i8x16.lt_u</c></summary>
    I8x16LtU = 0x2000 + 0x26,
    /// <summary><c>i8x16.gt_s</c></summary>
    I8x16GtS = 0x2000 + 0x27,
    /// <summary><c>i8x16.gt_u</c></summary>
    I8x16GtU = 0x2000 + 0x28,
    /// <summary><c>i8x16.le_s</c></summary>
    I8x16LeS = 0x2000 + 0x29,
    /// <summary><c>i8x16.le_u</c></summary>
    I8x16LeU = 0x2000 + 0x2a,
    /// <summary><c>i8x16.ge_s</c></summary>
    I8x16GeS = 0x2000 + 0x2b,
    /// <summary><c>i8x16.ge_u</c></summary>
    I8x16GeU = 0x2000 + 0x2c,
    /// <summary><c>i16x8.eq</c></summary>
    I16x8Eq = 0x2000 + 0x2d,
    /// <summary><c>i16x8.ne</c></summary>
    I16x8Ne = 0x2000 + 0x2e,
    /// <summary><c>i16x8.lt_s</c></summary>
    I16x8LtS = 0x2000 + 0x2f,
    /// <summary><c>i16x8.lt_u</c></summary>
    I16x8LtU = 0x2000 + 0x30,
    /// <summary><c>i16x8.gt_s</c></summary>
    I16x8GtS = 0x2000 + 0x31,
    /// <summary><c>i16x8.gt_u</c></summary>
    I16x8GtU = 0x2000 + 0x32,
    /// <summary><c>i16x8.le_s</c></summary>
    I16x8LeS = 0x2000 + 0x33,
    /// <summary><c>i16x8.le_u</c></summary>
    I16x8LeU = 0x2000 + 0x34,
    /// <summary><c>i16x8.ge_s</c></summary>
    I16x8GeS = 0x2000 + 0x35,
    /// <summary><c>i16x8.ge_u</c></summary>
    I16x8GeU = 0x2000 + 0x36,
    /// <summary><c>i32x4.eq</c></summary>
    I32x4Eq = 0x2000 + 0x37,
    /// <summary><c>i32x4.ne</c></summary>
    I32x4Ne = 0x2000 + 0x38,
    /// <summary><c>i32x4.lt_s</c></summary>
    I32x4LtS = 0x2000 + 0x39,
    /// <summary><c>i32x4.lt_u</c></summary>
    I32x4LtU = 0x2000 + 0x3a,
    /// <summary><c>i32x4.gt_s</c></summary>
    I32x4GtS = 0x2000 + 0x3b,
    /// <summary><c>i32x4.gt_u</c></summary>
    I32x4GtU = 0x2000 + 0x3c,
    /// <summary><c>i32x4.le_s</c></summary>
    I32x4LeS = 0x2000 + 0x3d,
    /// <summary><c>i32x4.le_u</c></summary>
    I32x4LeU = 0x2000 + 0x3e,
    /// <summary><c>i32x4.ge_s</c></summary>
    I32x4GeS = 0x2000 + 0x3f,
    /// <summary><c>i32x4.ge_u</c></summary>
    I32x4GeU = 0x2000 + 0x40,
    /// <summary><c>f32x4.eq</c></summary>
    F32x4Eq = 0x2000 + 0x41,
    /// <summary><c>f32x4.ne</c></summary>
    F32x4Ne = 0x2000 + 0x42,
    /// <summary><c>f32x4.lt</c></summary>
    F32x4Lt = 0x2000 + 0x43,
    /// <summary><c>f32x4.gt</c></summary>
    F32x4Gt = 0x2000 + 0x44,
    /// <summary><c>f32x4.le</c></summary>
    F32x4Le = 0x2000 + 0x45,
    /// <summary><c>f32x4.ge</c></summary>
    F32x4Ge = 0x2000 + 0x46,
    /// <summary><c>f64x2.eq</c></summary>
    F64x2Eq = 0x2000 + 0x47,
    /// <summary><c>f64x2.ne</c></summary>
    F64x2Ne = 0x2000 + 0x48,
    /// <summary><c>f64x2.lt</c></summary>
    F64x2Lt = 0x2000 + 0x49,
    /// <summary><c>f64x2.gt</c></summary>
    F64x2Gt = 0x2000 + 0x4a,
    /// <summary><c>f64x2.le</c></summary>
    F64x2Le = 0x2000 + 0x4b,
    /// <summary><c>f64x2.ge</c></summary>
    F64x2Ge = 0x2000 + 0x4c,
    /// <summary><c>v128.not</c></summary>
    V128Not = 0x2000 + 0x4d,
    /// <summary><c>v128.and</c></summary>
    V128And = 0x2000 + 0x4e,
    /// <summary><c>v128.andnot</c></summary>
    V128Andnot = 0x2000 + 0x4f,
    /// <summary><c>v128.or</c></summary>
    V128Or = 0x2000 + 0x50,
    /// <summary><c>v128.xor</c></summary>
    V128Xor = 0x2000 + 0x51,
    /// <summary><c>v128.bitselect</c></summary>
    V128Bitselect = 0x2000 + 0x52,
    /// <summary><c>v128.any_true</c></summary>
    V128AnyTrue = 0x2000 + 0x53,
    /// <summary><c>v128.load8_lane</c></summary>
    V128Load8Lane = 0x2000 + 0x54,
    /// <summary><c>v128.load16_lane</c></summary>
    V128Load16Lane = 0x2000 + 0x55,
    /// <summary><c>v128.load32_lane</c></summary>
    V128Load32Lane = 0x2000 + 0x56,
    /// <summary><c>v128.load64_lane</c></summary>
    V128Load64Lane = 0x2000 + 0x57,
    /// <summary><c>v128.store8_lane</c></summary>
    V128Store8Lane = 0x2000 + 0x58,
    /// <summary><c>v128.store16_lane</c></summary>
    V128Store16Lane = 0x2000 + 0x59,
    /// <summary><c>v128.store32_lane</c></summary>
    V128Store32Lane = 0x2000 + 0x5a,
    /// <summary><c>v128.store64_lane</c></summary>
    V128Store64Lane = 0x2000 + 0x5b,
    /// <summary><c>v128.load32_zero</c></summary>
    V128Load32Zero = 0x2000 + 0x5c,
    /// <summary><c>v128.load64_zero</c></summary>
    V128Load64Zero = 0x2000 + 0x5d,
    /// <summary><c>f32x4.demote_f64x2_zero</c></summary>
    F32x4DemoteF64x2Zero = 0x2000 + 0x5e,
    /// <summary><c>f64x2.promote_low_f32x4</c></summary>
    F64x2PromoteLowF32x4 = 0x2000 + 0x5f,
    /// <summary><c>i8x16.abs</c></summary>
    I8x16Abs = 0x2000 + 0x60,
    /// <summary><c>i8x16.neg</c></summary>
    I8x16Neg = 0x2000 + 0x61,
    /// <summary><c>i8x16.popcnt</c></summary>
    I8x16Popcnt = 0x2000 + 0x62,
    /// <summary><c>i8x16.all_true</c></summary>
    I8x16AllTrue = 0x2000 + 0x63,
    /// <summary><c>i8x16.bitmask</c></summary>
    I8x16Bitmask = 0x2000 + 0x64,
    /// <summary><c>i8x16.narrow_i16x8_s</c></summary>
    I8x16NarrowI16x8S = 0x2000 + 0x65,
    /// <summary><c>i8x16.narrow_i16x8_u</c></summary>
    I8x16NarrowI16x8U = 0x2000 + 0x66,
    /// <summary><c>f32x4.ceil</c></summary>
    F32x4Ceil = 0x2000 + 0x67,
    /// <summary><c>f32x4.floor</c></summary>
    F32x4Floor = 0x2000 + 0x68,
    /// <summary><c>f32x4.trunc</c></summary>
    F32x4Trunc = 0x2000 + 0x69,
    /// <summary><c>f32x4.nearest</c></summary>
    F32x4Nearest = 0x2000 + 0x6a,
    /// <summary><c>i8x16.shl</c></summary>
    I8x16Shl = 0x2000 + 0x6b,
    /// <summary><c>i8x16.shr_s</c></summary>
    I8x16ShrS = 0x2000 + 0x6c,
    /// <summary><c>i8x16.shr_u</c></summary>
    I8x16ShrU = 0x2000 + 0x6d,
    /// <summary><c>i8x16.add</c></summary>
    I8x16Add = 0x2000 + 0x6e,
    /// <summary><c>i8x16.add_sat_s</c></summary>
    I8x16AddSatS = 0x2000 + 0x6f,
    /// <summary><c>i8x16.add_sat_u</c></summary>
    I8x16AddSatU = 0x2000 + 0x70,
    /// <summary><c>i8x16.sub</c></summary>
    I8x16Sub = 0x2000 + 0x71,
    /// <summary><c>i8x16.sub_sat_s</c></summary>
    I8x16SubSatS = 0x2000 + 0x72,
    /// <summary><c>i8x16.sub_sat_u</c></summary>
    I8x16SubSatU = 0x2000 + 0x73,
    /// <summary><c>f64x2.ceil</c></summary>
    F64x2Ceil = 0x2000 + 0x74,
    /// <summary><c>f64x2.floor</c></summary>
    F64x2Floor = 0x2000 + 0x75,
    /// <summary><c>i8x16.min_s</c></summary>
    I8x16MinS = 0x2000 + 0x76,
    /// <summary><c>i8x16.min_u</c></summary>
    I8x16MinU = 0x2000 + 0x77,
    /// <summary><c>i8x16.max_s</c></summary>
    I8x16MaxS = 0x2000 + 0x78,
    /// <summary><c>i8x16.max_u</c></summary>
    I8x16MaxU = 0x2000 + 0x79,
    /// <summary><c>f64x2.trunc</c></summary>
    F64x2Trunc = 0x2000 + 0x7a,
    /// <summary><c>i8x16.avgr_u</c></summary>
    I8x16AvgrU = 0x2000 + 0x7b,
    /// <summary><c>i16x8.extadd_pairwise_i8x16_s</c></summary>
    I16x8ExtaddPairwiseI8x16S = 0x2000 + 0x7c,
    /// <summary><c>i16x8.extadd_pairwise_i8x16_u</c></summary>
    I16x8ExtaddPairwiseI8x16U = 0x2000 + 0x7d,
    /// <summary><c>i32x4.extadd_pairwise_i16x8_s</c></summary>
    I32x4ExtaddPairwiseI16x8S = 0x2000 + 0x7e,
    /// <summary><c>i32x4.extadd_pairwise_i16x8_u</c></summary>
    I32x4ExtaddPairwiseI16x8U = 0x2000 + 0x7f,
    /// <summary><c>i16x8.abs</c></summary>
    I16x8Abs = 0x2000 + 0x80,
    /// <summary><c>i16x8.neg</c></summary>
    I16x8Neg = 0x2000 + 0x81,
    /// <summary><c>i16x8.q15mulr_sat_s</c></summary>
    I16x8Q15mulrSatS = 0x2000 + 0x82,
    /// <summary><c>i16x8.all_true</c></summary>
    I16x8AllTrue = 0x2000 + 0x83,
    /// <summary><c>i16x8.bitmask</c></summary>
    I16x8Bitmask = 0x2000 + 0x84,
    /// <summary><c>i16x8.narrow_i32x4_s</c></summary>
    I16x8NarrowI32x4S = 0x2000 + 0x85,
    /// <summary><c>i16x8.narrow_i32x4_u</c></summary>
    I16x8NarrowI32x4U = 0x2000 + 0x86,
    /// <summary><c>i16x8.extend_low_i8x16_s</c></summary>
    I16x8ExtendLowI8x16S = 0x2000 + 0x87,
    /// <summary><c>i16x8.extend_high_i8x16_s</c></summary>
    I16x8ExtendHighI8x16S = 0x2000 + 0x88,
    /// <summary><c>i16x8.extend_low_i8x16_u</c></summary>
    I16x8ExtendLowI8x16U = 0x2000 + 0x89,
    /// <summary><c>i16x8.extend_high_i8x16_u</c></summary>
    I16x8ExtendHighI8x16U = 0x2000 + 0x8a,
    /// <summary><c>i16x8.shl</c></summary>
    I16x8Shl = 0x2000 + 0x8b,
    /// <summary><c>i16x8.shr_s</c></summary>
    I16x8ShrS = 0x2000 + 0x8c,
    /// <summary><c>i16x8.shr_u</c></summary>
    I16x8ShrU = 0x2000 + 0x8d,
    /// <summary><c>i16x8.add</c></summary>
    I16x8Add = 0x2000 + 0x8e,
    /// <summary><c>i16x8.add_sat_s</c></summary>
    I16x8AddSatS = 0x2000 + 0x8f,
    /// <summary><c>i16x8.add_sat_u</c></summary>
    I16x8AddSatU = 0x2000 + 0x90,
    /// <summary><c>i16x8.sub</c></summary>
    I16x8Sub = 0x2000 + 0x91,
    /// <summary><c>i16x8.sub_sat_s</c></summary>
    I16x8SubSatS = 0x2000 + 0x92,
    /// <summary><c>i16x8.sub_sat_u</c></summary>
    I16x8SubSatU = 0x2000 + 0x93,
    /// <summary><c>f64x2.nearest</c></summary>
    F64x2Nearest = 0x2000 + 0x94,
    /// <summary><c>i16x8.mul</c></summary>
    I16x8Mul = 0x2000 + 0x95,
    /// <summary><c>i16x8.min_s</c></summary>
    I16x8MinS = 0x2000 + 0x96,
    /// <summary><c>i16x8.min_u</c></summary>
    I16x8MinU = 0x2000 + 0x97,
    /// <summary><c>i16x8.max_s</c></summary>
    I16x8MaxS = 0x2000 + 0x98,
    /// <summary><c>i16x8.max_u</c></summary>
    I16x8MaxU = 0x2000 + 0x99,
    /// <summary><c>i16x8.avgr_u</c></summary>
    I16x8AvgrU = 0x2000 + 0x9b,
    /// <summary><c>i16x8.extmul_low_i8x16_s</c></summary>
    I16x8ExtmulLowI8x16S = 0x2000 + 0x9c,
    /// <summary><c>i16x8.extmul_high_i8x16_s</c></summary>
    I16x8ExtmulHighI8x16S = 0x2000 + 0x9d,
    /// <summary><c>i16x8.extmul_low_i8x16_u</c></summary>
    I16x8ExtmulLowI8x16U = 0x2000 + 0x9e,
    /// <summary><c>i16x8.extmul_high_i8x16_u</c></summary>
    I16x8ExtmulHighI8x16U = 0x2000 + 0x9f,
    /// <summary><c>i32x4.abs</c></summary>
    I32x4Abs = 0x2000 + 0xa0,
    /// <summary><c>i32x4.neg</c></summary>
    I32x4Neg = 0x2000 + 0xa1,
    /// <summary><c>i32x4.all_true</c></summary>
    I32x4AllTrue = 0x2000 + 0xa3,
    /// <summary><c>i32x4.bitmask</c></summary>
    I32x4Bitmask = 0x2000 + 0xa4,
    /// <summary><c>i32x4.extend_low_i16x8_s</c></summary>
    I32x4ExtendLowI16x8S = 0x2000 + 0xa7,
    /// <summary><c>i32x4.extend_high_i16x8_s</c></summary>
    I32x4ExtendHighI16x8S = 0x2000 + 0xa8,
    /// <summary><c>i32x4.extend_low_i16x8_u</c></summary>
    I32x4ExtendLowI16x8U = 0x2000 + 0xa9,
    /// <summary><c>i32x4.extend_high_i16x8_u</c></summary>
    I32x4ExtendHighI16x8U = 0x2000 + 0xaa,
    /// <summary><c>i32x4.shl</c></summary>
    I32x4Shl = 0x2000 + 0xab,
    /// <summary><c>i32x4.shr_s</c></summary>
    I32x4ShrS = 0x2000 + 0xac,
    /// <summary><c>i32x4.shr_u</c></summary>
    I32x4ShrU = 0x2000 + 0xad,
    /// <summary><c>i32x4.add</c></summary>
    I32x4Add = 0x2000 + 0xae,
    /// <summary><c>i32x4.sub</c></summary>
    I32x4Sub = 0x2000 + 0xb1,
    /// <summary><c>i32x4.mul</c></summary>
    I32x4Mul = 0x2000 + 0xb5,
    /// <summary><c>i32x4.min_s</c></summary>
    I32x4MinS = 0x2000 + 0xb6,
    /// <summary><c>i32x4.min_u</c></summary>
    I32x4MinU = 0x2000 + 0xb7,
    /// <summary><c>i32x4.max_s</c></summary>
    I32x4MaxS = 0x2000 + 0xb8,
    /// <summary><c>i32x4.max_u</c></summary>
    I32x4MaxU = 0x2000 + 0xb9,
    /// <summary><c>i32x4.dot_i16x8_s</c></summary>
    I32x4DotI16x8S = 0x2000 + 0xba,
    /// <summary><c>i32x4.extmul_low_i16x8_s</c></summary>
    I32x4ExtmulLowI16x8S = 0x2000 + 0xbc,
    /// <summary><c>i32x4.extmul_high_i16x8_s</c></summary>
    I32x4ExtmulHighI16x8S = 0x2000 + 0xbd,
    /// <summary><c>i32x4.extmul_low_i16x8_u</c></summary>
    I32x4ExtmulLowI16x8U = 0x2000 + 0xbe,
    /// <summary><c>i32x4.extmul_high_i16x8_u</c></summary>
    I32x4ExtmulHighI16x8U = 0x2000 + 0xbf,
    /// <summary><c>i64x2.abs</c></summary>
    I64x2Abs = 0x2000 + 0xc0,
    /// <summary><c>i64x2.neg</c></summary>
    I64x2Neg = 0x2000 + 0xc1,
    /// <summary><c>i64x2.all_true</c></summary>
    I64x2AllTrue = 0x2000 + 0xc3,
    /// <summary><c>i64x2.bitmask</c></summary>
    I64x2Bitmask = 0x2000 + 0xc4,
    /// <summary><c>i64x2.extend_low_i32x4_s</c></summary>
    I64x2ExtendLowI32x4S = 0x2000 + 0xc7,
    /// <summary><c>i64x2.extend_high_i32x4_s</c></summary>
    I64x2ExtendHighI32x4S = 0x2000 + 0xc8,
    /// <summary><c>i64x2.extend_low_i32x4_u</c></summary>
    I64x2ExtendLowI32x4U = 0x2000 + 0xc9,
    /// <summary><c>i64x2.extend_high_i32x4_u</c></summary>
    I64x2ExtendHighI32x4U = 0x2000 + 0xca,
    /// <summary><c>i64x2.shl</c></summary>
    I64x2Shl = 0x2000 + 0xcb,
    /// <summary><c>i64x2.shr_s</c></summary>
    I64x2ShrS = 0x2000 + 0xcc,
    /// <summary><c>i64x2.shr_u</c></summary>
    I64x2ShrU = 0x2000 + 0xcd,
    /// <summary><c>i64x2.add</c></summary>
    I64x2Add = 0x2000 + 0xce,
    /// <summary><c>i64x2.sub</c></summary>
    I64x2Sub = 0x2000 + 0xd1,
    /// <summary><c>i64x2.mul</c></summary>
    I64x2Mul = 0x2000 + 0xd5,
    /// <summary><c>i64x2.eq</c></summary>
    I64x2Eq = 0x2000 + 0xd6,
    /// <summary><c>i64x2.ne</c></summary>
    I64x2Ne = 0x2000 + 0xd7,
    /// <summary><c>i64x2.lt_s</c></summary>
    I64x2LtS = 0x2000 + 0xd8,
    /// <summary><c>i64x2.gt_s</c></summary>
    I64x2GtS = 0x2000 + 0xd9,
    /// <summary><c>i64x2.le_s</c></summary>
    I64x2LeS = 0x2000 + 0xda,
    /// <summary><c>i64x2.ge_s</c></summary>
    I64x2GeS = 0x2000 + 0xdb,
    /// <summary><c>i64x2.extmul_low_i32x4_s</c></summary>
    I64x2ExtmulLowI32x4S = 0x2000 + 0xdc,
    /// <summary><c>i64x2.extmul_high_i32x4_s</c></summary>
    I64x2ExtmulHighI32x4S = 0x2000 + 0xdd,
    /// <summary><c>i64x2.extmul_low_i32x4_u</c></summary>
    I64x2ExtmulLowI32x4U = 0x2000 + 0xde,
    /// <summary><c>i64x2.extmul_high_i32x4_u</c></summary>
    I64x2ExtmulHighI32x4U = 0x2000 + 0xdf,
    /// <summary><c>f32x4.abs</c></summary>
    F32x4Abs = 0x2000 + 0xe0,
    /// <summary><c>f32x4.neg</c></summary>
    F32x4Neg = 0x2000 + 0xe1,
    /// <summary><c>f32x4.sqrt</c></summary>
    F32x4Sqrt = 0x2000 + 0xe3,
    /// <summary><c>f32x4.add</c></summary>
    F32x4Add = 0x2000 + 0xe4,
    /// <summary><c>f32x4.sub</c></summary>
    F32x4Sub = 0x2000 + 0xe5,
    /// <summary><c>f32x4.mul</c></summary>
    F32x4Mul = 0x2000 + 0xe6,
    /// <summary><c>f32x4.div</c></summary>
    F32x4Div = 0x2000 + 0xe7,
    /// <summary><c>f32x4.min</c></summary>
    F32x4Min = 0x2000 + 0xe8,
    /// <summary><c>f32x4.max</c></summary>
    F32x4Max = 0x2000 + 0xe9,
    /// <summary><c>f32x4.pmin</c></summary>
    F32x4Pmin = 0x2000 + 0xea,
    /// <summary><c>f32x4.pmax</c></summary>
    F32x4Pmax = 0x2000 + 0xeb,
    /// <summary><c>f64x2.abs</c></summary>
    F64x2Abs = 0x2000 + 0xec,
    /// <summary><c>f64x2.neg</c></summary>
    F64x2Neg = 0x2000 + 0xed,
    /// <summary><c>f64x2.sqrt</c></summary>
    F64x2Sqrt = 0x2000 + 0xef,
    /// <summary><c>f64x2.add</c></summary>
    F64x2Add = 0x2000 + 0xf0,
    /// <summary><c>f64x2.sub</c></summary>
    F64x2Sub = 0x2000 + 0xf1,
    /// <summary><c>f64x2.mul</c></summary>
    F64x2Mul = 0x2000 + 0xf2,
    /// <summary><c>f64x2.div</c></summary>
    F64x2Div = 0x2000 + 0xf3,
    /// <summary><c>f64x2.min</c></summary>
    F64x2Min = 0x2000 + 0xf4,
    /// <summary><c>f64x2.max</c></summary>
    F64x2Max = 0x2000 + 0xf5,
    /// <summary><c>f64x2.pmin</c></summary>
    F64x2Pmin = 0x2000 + 0xf6,
    /// <summary><c>f64x2.pmax</c></summary>
    F64x2Pmax = 0x2000 + 0xf7,
    /// <summary><c>i32x4.trunc_sat_f32x4_s</c></summary>
    I32x4TruncSatF32x4S = 0x2000 + 0xf8,
    /// <summary><c>i32x4.trunc_sat_f32x4_u</c></summary>
    I32x4TruncSatF32x4U = 0x2000 + 0xf9,
    /// <summary><c>f32x4.convert_i32x4_s</c></summary>
    F32x4ConvertI32x4S = 0x2000 + 0xfa,
    /// <summary><c>f32x4.convert_i32x4_u</c></summary>
    F32x4ConvertI32x4U = 0x2000 + 0xfb,
    /// <summary><c>i32x4.trunc_sat_f64x2_s_zero</c></summary>
    I32x4TruncSatF64x2SZero = 0x2000 + 0xfc,
    /// <summary><c>i32x4.trunc_sat_f64x2_u_zero</c></summary>
    I32x4TruncSatF64x2UZero = 0x2000 + 0xfd,
    /// <summary><c>f64x2.convert_low_i32x4_s</c></summary>
    F64x2ConvertLowI32x4S = 0x2000 + 0xfe,
    /// <summary><c>f64x2.convert_low_i32x4_u</c></summary>
    F64x2ConvertLowI32x4U = 0x2000 + 0xff,
}
