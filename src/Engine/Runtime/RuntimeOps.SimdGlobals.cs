using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Djinn.Engine.Runtime;

/// <summary>
/// v128 globals and the conversions at the host boundary. A v128 is a <see cref="Vector128{T}"/> of bytes in compiled
/// code and a <see cref="V128"/> outside. (SIMD loads and stores are emitted in line by the compiler, see
/// <c>FunctionCompiler.SimdMemory.cs</c>.)
/// </summary>
internal static partial class RuntimeOps
{
    // ---- globals and the host boundary ----

    [MethodImpl(Inlined)]
    public static V GlobalGetV128(Global g) => Vector128.Create(g.Bits, g.HighBits).AsByte();

    [MethodImpl(Inlined)]
    public static void GlobalSetV128(V v, Global g)
    {
        var halves = v.AsUInt64();
        g.Bits = halves.GetElement(0);
        g.HighBits = halves.GetElement(1);
    }

    /// <summary>The compiled-code form of a public <see cref="V128"/>.</summary>
    [MethodImpl(Optimized)] public static V ToVector(V128 value) => Vector128.Create(value.Low, value.High).AsByte();

    /// <summary>The public form of a compiled-code v128.</summary>
    [MethodImpl(Optimized)] public static V128 FromVector(V value) => new(value.AsUInt64().GetElement(0), value.AsUInt64().GetElement(1));
}
