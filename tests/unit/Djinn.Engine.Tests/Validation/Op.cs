using Djinn.Engine.Model;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Short constructors for <see cref="Instruction"/> values in tests (offsets are assigned by <see cref="ModuleBuilder"/>).</summary>
internal static class Op
{
    // Members are named after the instructions they build (https://webassembly.github.io/spec/core/text/instructions.html).
    public static Instruction End => new(Opcode.End, -1);
    public static Instruction Else => new(Opcode.Else, -1);
    public static Instruction Unreachable => new(Opcode.Unreachable, -1);
    public static Instruction Nop => new(Opcode.Nop, -1);
    public static Instruction Drop => new(Opcode.Drop, -1);
    public static Instruction Select => new(Opcode.Select, -1);
    public static Instruction Return => new(Opcode.Return, -1);

    /// <summary>Any instruction by opcode and raw immediates.</summary>
    public static Instruction Of(Opcode opcode, uint a = 0, uint b = 0) => new(opcode, -1, a, b);

    public static Instruction I32(int value) => new(Opcode.I32Const, -1, unchecked((uint)value));
    public static Instruction I64(long value) => new(Opcode.I64Const, -1, c: unchecked((ulong)value));
    public static Instruction F32(float value) => new(Opcode.F32Const, -1, BitConverter.SingleToUInt32Bits(value));
    public static Instruction F64(double value) => new(Opcode.F64Const, -1, c: BitConverter.DoubleToUInt64Bits(value));

    public static Instruction Block() => new(Opcode.Block, -1, 0, (uint)BlockTypeKind.Empty);
    public static Instruction Block(ValueKind result) => new(Opcode.Block, -1, (uint)result, (uint)BlockTypeKind.Single);
    public static Instruction BlockT(uint typeIndex) => new(Opcode.Block, -1, typeIndex, (uint)BlockTypeKind.TypeIndex);
    public static Instruction Loop() => new(Opcode.Loop, -1, 0, (uint)BlockTypeKind.Empty);
    public static Instruction Loop(ValueKind result) => new(Opcode.Loop, -1, (uint)result, (uint)BlockTypeKind.Single);
    public static Instruction LoopT(uint typeIndex) => new(Opcode.Loop, -1, typeIndex, (uint)BlockTypeKind.TypeIndex);
    public static Instruction If() => new(Opcode.If, -1, 0, (uint)BlockTypeKind.Empty);
    public static Instruction If(ValueKind result) => new(Opcode.If, -1, (uint)result, (uint)BlockTypeKind.Single);
    public static Instruction IfT(uint typeIndex) => new(Opcode.If, -1, typeIndex, (uint)BlockTypeKind.TypeIndex);

    public static Instruction Br(uint depth) => new(Opcode.Br, -1, depth);
    public static Instruction BrIf(uint depth) => new(Opcode.BrIf, -1, depth);
    public static Instruction BrTable(uint defaultDepth, params uint[] targets) => new(Opcode.BrTable, -1, defaultDepth, labels: targets);

    public static Instruction Call(uint function) => new(Opcode.Call, -1, function);
    public static Instruction CallIndirect(uint typeIndex, uint table = 0) => new(Opcode.CallIndirect, -1, typeIndex, table);
    public static Instruction SelectT(ValueKind type) => new(Opcode.SelectTyped, -1, (uint)type);
    public static Instruction SelectTypes(params ValueKind[] types)
    {
        var raw = new uint[types.Length];
        for (int i = 0; i < types.Length; i++) raw[i] = (uint)types[i];
        return new(Opcode.SelectTyped, -1, types.Length > 0 ? (uint)types[0] : 0, labels: raw);
    }

    public static Instruction LocalGet(uint index) => new(Opcode.LocalGet, -1, index);
    public static Instruction LocalSet(uint index) => new(Opcode.LocalSet, -1, index);
    public static Instruction LocalTee(uint index) => new(Opcode.LocalTee, -1, index);
    public static Instruction GlobalGet(uint index) => new(Opcode.GlobalGet, -1, index);
    public static Instruction GlobalSet(uint index) => new(Opcode.GlobalSet, -1, index);

    /// <summary>A load or store with the given alignment exponent.</summary>
    public static Instruction Mem(Opcode opcode, uint alignLog2, uint offset = 0) => new(opcode, -1, alignLog2, offset);

    public static Instruction RefNull(ValueKind type) => new(Opcode.RefNull, -1, (uint)type);
    public static Instruction RefIsNull => new(Opcode.RefIsNull, -1);
    public static Instruction RefFunc(uint function) => new(Opcode.RefFunc, -1, function);
}
