using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Djinn.Engine.Runtime;

/// <summary>
/// SIMD memory instructions, constants and globals. A v128 is a <see cref="Vector128{T}"/> of bytes in compiled code.
/// Every access goes through <see cref="At"/>, which checks the whole access against the managed array first
/// (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions).
/// Method names equal the <see cref="Model.Opcode"/> names; the compiler finds them by name.
/// </summary>
internal static partial class RuntimeOps
{
    // ---- plain, extending, splatting and zero-filling loads: (address, memory, offset) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load(int addr, byte[] mem, uint offset) => Unsafe.ReadUnaligned<V>(ref At(mem, addr, offset, 16));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8x8S(int addr, byte[] mem, uint offset) =>
        Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref At(mem, addr, offset, 8))).AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8x8U(int addr, byte[] mem, uint offset) =>
        Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref At(mem, addr, offset, 8))).AsByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16x4S(int addr, byte[] mem, uint offset) =>
        Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref At(mem, addr, offset, 8))).AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16x4U(int addr, byte[] mem, uint offset) =>
        Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref At(mem, addr, offset, 8))).AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32x2S(int addr, byte[] mem, uint offset) =>
        Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref At(mem, addr, offset, 8))).AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32x2U(int addr, byte[] mem, uint offset) =>
        Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref At(mem, addr, offset, 8))).AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8Splat(int addr, byte[] mem, uint offset) => Vector128.Create(At(mem, addr, offset, 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16Splat(int addr, byte[] mem, uint offset) =>
        Vector128.Create(Unsafe.ReadUnaligned<ushort>(ref At(mem, addr, offset, 2))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Splat(int addr, byte[] mem, uint offset) =>
        Vector128.Create(Unsafe.ReadUnaligned<uint>(ref At(mem, addr, offset, 4))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Splat(int addr, byte[] mem, uint offset) =>
        Vector128.Create(Unsafe.ReadUnaligned<ulong>(ref At(mem, addr, offset, 8))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Zero(int addr, byte[] mem, uint offset) =>
        Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(ref At(mem, addr, offset, 4))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Zero(int addr, byte[] mem, uint offset) =>
        Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref At(mem, addr, offset, 8))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store(int addr, V value, byte[] mem, uint offset) => Unsafe.WriteUnaligned(ref At(mem, addr, offset, 16), value);

    // ---- lane loads and stores: (address, vector, memory, offset, lane) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8Lane(int addr, V v, byte[] mem, uint offset, int lane) => v.WithElement(lane, At(mem, addr, offset, 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16Lane(int addr, V v, byte[] mem, uint offset, int lane) =>
        v.AsUInt16().WithElement(lane, Unsafe.ReadUnaligned<ushort>(ref At(mem, addr, offset, 2))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Lane(int addr, V v, byte[] mem, uint offset, int lane) =>
        v.AsUInt32().WithElement(lane, Unsafe.ReadUnaligned<uint>(ref At(mem, addr, offset, 4))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Lane(int addr, V v, byte[] mem, uint offset, int lane) =>
        v.AsUInt64().WithElement(lane, Unsafe.ReadUnaligned<ulong>(ref At(mem, addr, offset, 8))).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store8Lane(int addr, V v, byte[] mem, uint offset, int lane) => At(mem, addr, offset, 1) = v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store16Lane(int addr, V v, byte[] mem, uint offset, int lane) =>
        Unsafe.WriteUnaligned(ref At(mem, addr, offset, 2), v.AsUInt16().GetElement(lane));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store32Lane(int addr, V v, byte[] mem, uint offset, int lane) =>
        Unsafe.WriteUnaligned(ref At(mem, addr, offset, 4), v.AsUInt32().GetElement(lane));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store64Lane(int addr, V v, byte[] mem, uint offset, int lane) =>
        Unsafe.WriteUnaligned(ref At(mem, addr, offset, 8), v.AsUInt64().GetElement(lane));

    // ---- constants, globals and the host boundary ----

    /// <summary>A v128 from its two little-endian halves (v128.const, and the index vector of i8x16.shuffle).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Const(long low, long high) => Vector128.Create(low, high).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GlobalGetV128(Global g) => Vector128.Create(g.Bits, g.HighBits).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GlobalSetV128(V v, Global g)
    {
        var halves = v.AsUInt64();
        g.Bits = halves.GetElement(0);
        g.HighBits = halves.GetElement(1);
    }

    /// <summary>The compiled-code form of a public <see cref="V128"/>.</summary>
    public static V ToVector(V128 value) => Vector128.Create(value.Low, value.High).AsByte();

    /// <summary>The public form of a compiled-code v128.</summary>
    public static V128 FromVector(V value) => new(value.AsUInt64().GetElement(0), value.AsUInt64().GetElement(1));
}
