using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Djinn.Engine.Model;

namespace Djinn.Engine.Compilation;

/// <summary>
/// SIMD opcodes that compile to a single JIT intrinsic with exactly the WebAssembly semantics
/// (https://webassembly.github.io/spec/core/exec/numerics.html). Arguments and results are reinterpreted
/// from and to Vector128&lt;byte&gt; by the compiler. Float add/sub/mul/div are here too; the compiler still routes
/// them to non-inlined ops when an operand is a foldable constant. Opcodes not listed use <c>RuntimeOps</c>.
/// </summary>
internal static class SimdIntrinsics
{
    /// <summary>An intrinsic, and for shifts the mask applied to the count first.</summary>
    public readonly record struct Entry(MethodInfo Method, int CountMask);

    private static readonly Dictionary<Opcode, Entry> s_entries = Build();

    public static bool TryGet(Opcode op, out Entry entry) => s_entries.TryGetValue(op, out entry);

    private static Dictionary<Opcode, Entry> Build()
    {
        var map = new Dictionary<Opcode, Entry>();
        void Generic(Opcode op, string name, Type lane, int arity = 2) => map[op] = new(FindGeneric(name, lane, arity), 0);
        void Exact(Opcode op, Type owner, string name, params Type[] ps) => map[op] = new(owner.GetMethod(name, ps)
            ?? throw new InvalidOperationException($"{owner.Name}.{name} not found"), 0);
        Type V(Type lane) => typeof(Vector128<>).MakeGenericType(lane);

        // bitwise
        Generic(Opcode.V128Not, nameof(Vector128.OnesComplement), typeof(byte), 1);
        Generic(Opcode.V128And, nameof(Vector128.BitwiseAnd), typeof(byte));
        Generic(Opcode.V128Or, nameof(Vector128.BitwiseOr), typeof(byte));
        Generic(Opcode.V128Xor, nameof(Vector128.Xor), typeof(byte));
        Generic(Opcode.V128Andnot, nameof(Vector128.AndNot), typeof(byte));

        // wrapping integer arithmetic
        Generic(Opcode.I8x16Add, nameof(Vector128.Add), typeof(byte));
        Generic(Opcode.I16x8Add, nameof(Vector128.Add), typeof(ushort));
        Generic(Opcode.I32x4Add, nameof(Vector128.Add), typeof(uint));
        Generic(Opcode.I64x2Add, nameof(Vector128.Add), typeof(ulong));
        Generic(Opcode.I8x16Sub, nameof(Vector128.Subtract), typeof(byte));
        Generic(Opcode.I16x8Sub, nameof(Vector128.Subtract), typeof(ushort));
        Generic(Opcode.I32x4Sub, nameof(Vector128.Subtract), typeof(uint));
        Generic(Opcode.I64x2Sub, nameof(Vector128.Subtract), typeof(ulong));
        Generic(Opcode.I16x8Mul, nameof(Vector128.Multiply), typeof(short));
        Generic(Opcode.I32x4Mul, nameof(Vector128.Multiply), typeof(int));
        Generic(Opcode.I8x16Neg, nameof(Vector128.Negate), typeof(sbyte), 1);
        Generic(Opcode.I16x8Neg, nameof(Vector128.Negate), typeof(short), 1);
        Generic(Opcode.I32x4Neg, nameof(Vector128.Negate), typeof(int), 1);
        Generic(Opcode.I64x2Neg, nameof(Vector128.Negate), typeof(long), 1);

        // integer comparisons (all-ones / zero lanes) and min/max
        (Type Signed, Type Unsigned, string Prefix)[] shapes =
        [
            (typeof(sbyte), typeof(byte), "I8x16"), (typeof(short), typeof(ushort), "I16x8"), (typeof(int), typeof(uint), "I32x4"),
        ];
        foreach (var (s, u, prefix) in shapes)
        {
            Generic(Op(prefix + "Eq"), nameof(Vector128.Equals), u);
            Generic(Op(prefix + "LtS"), nameof(Vector128.LessThan), s);
            Generic(Op(prefix + "LtU"), nameof(Vector128.LessThan), u);
            Generic(Op(prefix + "GtS"), nameof(Vector128.GreaterThan), s);
            Generic(Op(prefix + "GtU"), nameof(Vector128.GreaterThan), u);
            Generic(Op(prefix + "LeS"), nameof(Vector128.LessThanOrEqual), s);
            Generic(Op(prefix + "LeU"), nameof(Vector128.LessThanOrEqual), u);
            Generic(Op(prefix + "GeS"), nameof(Vector128.GreaterThanOrEqual), s);
            Generic(Op(prefix + "GeU"), nameof(Vector128.GreaterThanOrEqual), u);
            Generic(Op(prefix + "MinS"), nameof(Vector128.Min), s);
            Generic(Op(prefix + "MinU"), nameof(Vector128.Min), u);
            Generic(Op(prefix + "MaxS"), nameof(Vector128.Max), s);
            Generic(Op(prefix + "MaxU"), nameof(Vector128.Max), u);
            map[Op(prefix + "Bitmask")] = new(FindGeneric(nameof(Vector128.ExtractMostSignificantBits), u, 1), 0);
        }
        Generic(Opcode.I64x2Eq, nameof(Vector128.Equals), typeof(long));
        Generic(Opcode.I64x2LtS, nameof(Vector128.LessThan), typeof(long));
        Generic(Opcode.I64x2GtS, nameof(Vector128.GreaterThan), typeof(long));
        Generic(Opcode.I64x2LeS, nameof(Vector128.LessThanOrEqual), typeof(long));
        Generic(Opcode.I64x2GeS, nameof(Vector128.GreaterThanOrEqual), typeof(long));
        map[Opcode.I64x2Bitmask] = new(FindGeneric(nameof(Vector128.ExtractMostSignificantBits), typeof(ulong), 1), 0);

        // shifts of 16-bit and wider lanes (count masked to the lane width)
        void Shift(Opcode op, string name, Type lane, int mask) => map[op] = new(typeof(Vector128).GetMethod(name, [V(lane), typeof(int)])!, mask);
        Shift(Opcode.I16x8Shl, nameof(Vector128.ShiftLeft), typeof(ushort), 15);
        Shift(Opcode.I16x8ShrS, nameof(Vector128.ShiftRightArithmetic), typeof(short), 15);
        Shift(Opcode.I16x8ShrU, nameof(Vector128.ShiftRightLogical), typeof(ushort), 15);
        Shift(Opcode.I32x4Shl, nameof(Vector128.ShiftLeft), typeof(uint), 31);
        Shift(Opcode.I32x4ShrS, nameof(Vector128.ShiftRightArithmetic), typeof(int), 31);
        Shift(Opcode.I32x4ShrU, nameof(Vector128.ShiftRightLogical), typeof(uint), 31);
        Shift(Opcode.I64x2Shl, nameof(Vector128.ShiftLeft), typeof(ulong), 63);
        Shift(Opcode.I64x2ShrU, nameof(Vector128.ShiftRightLogical), typeof(ulong), 63);

        // splat
        Exact(Opcode.I8x16Splat, typeof(Vector128), nameof(Vector128.Create), typeof(byte));
        Exact(Opcode.I16x8Splat, typeof(Vector128), nameof(Vector128.Create), typeof(ushort));
        Exact(Opcode.I32x4Splat, typeof(Vector128), nameof(Vector128.Create), typeof(int));
        Exact(Opcode.I64x2Splat, typeof(Vector128), nameof(Vector128.Create), typeof(long));

        // widening
        foreach (var (name, half) in new[] { ("Low", nameof(Vector128.WidenLower)), ("High", nameof(Vector128.WidenUpper)) })
        {
            Exact(Op($"I16x8Extend{name}I8x16S"), typeof(Vector128), half, V(typeof(sbyte)));
            Exact(Op($"I16x8Extend{name}I8x16U"), typeof(Vector128), half, V(typeof(byte)));
            Exact(Op($"I32x4Extend{name}I16x8S"), typeof(Vector128), half, V(typeof(short)));
            Exact(Op($"I32x4Extend{name}I16x8U"), typeof(Vector128), half, V(typeof(ushort)));
            Exact(Op($"I64x2Extend{name}I32x4S"), typeof(Vector128), half, V(typeof(int)));
            Exact(Op($"I64x2Extend{name}I32x4U"), typeof(Vector128), half, V(typeof(uint)));
        }

        // floats: arithmetic and ordered comparisons
        foreach (var (lane, prefix) in new[] { (typeof(float), "F32x4"), (typeof(double), "F64x2") })
        {
            Generic(Op(prefix + "Add"), nameof(Vector128.Add), lane);
            Generic(Op(prefix + "Sub"), nameof(Vector128.Subtract), lane);
            Generic(Op(prefix + "Mul"), nameof(Vector128.Multiply), lane);
            Generic(Op(prefix + "Div"), nameof(Vector128.Divide), lane);
            Generic(Op(prefix + "Sqrt"), nameof(Vector128.Sqrt), lane, 1);
            Generic(Op(prefix + "Eq"), nameof(Vector128.Equals), lane);
            Generic(Op(prefix + "Lt"), nameof(Vector128.LessThan), lane);
            Generic(Op(prefix + "Gt"), nameof(Vector128.GreaterThan), lane);
            Generic(Op(prefix + "Le"), nameof(Vector128.LessThanOrEqual), lane);
            Generic(Op(prefix + "Ge"), nameof(Vector128.GreaterThanOrEqual), lane);
        }
        Exact(Opcode.F32x4ConvertI32x4S, typeof(Vector128), nameof(Vector128.ConvertToSingle), V(typeof(int)));

        if (Sse2.IsSupported)
        {
            Exact(Opcode.I32x4DotI16x8S, typeof(Sse2), nameof(Sse2.MultiplyAddAdjacent), V(typeof(short)), V(typeof(short)));
            Exact(Opcode.I8x16AvgrU, typeof(Sse2), nameof(Sse2.Average), V(typeof(byte)), V(typeof(byte)));
            Exact(Opcode.I16x8AvgrU, typeof(Sse2), nameof(Sse2.Average), V(typeof(ushort)), V(typeof(ushort)));
            Exact(Opcode.I8x16AddSatS, typeof(Sse2), nameof(Sse2.AddSaturate), V(typeof(sbyte)), V(typeof(sbyte)));
            Exact(Opcode.I8x16AddSatU, typeof(Sse2), nameof(Sse2.AddSaturate), V(typeof(byte)), V(typeof(byte)));
            Exact(Opcode.I16x8AddSatS, typeof(Sse2), nameof(Sse2.AddSaturate), V(typeof(short)), V(typeof(short)));
            Exact(Opcode.I16x8AddSatU, typeof(Sse2), nameof(Sse2.AddSaturate), V(typeof(ushort)), V(typeof(ushort)));
            Exact(Opcode.I8x16SubSatS, typeof(Sse2), nameof(Sse2.SubtractSaturate), V(typeof(sbyte)), V(typeof(sbyte)));
            Exact(Opcode.I8x16SubSatU, typeof(Sse2), nameof(Sse2.SubtractSaturate), V(typeof(byte)), V(typeof(byte)));
            Exact(Opcode.I16x8SubSatS, typeof(Sse2), nameof(Sse2.SubtractSaturate), V(typeof(short)), V(typeof(short)));
            Exact(Opcode.I16x8SubSatU, typeof(Sse2), nameof(Sse2.SubtractSaturate), V(typeof(ushort)), V(typeof(ushort)));
            Exact(Opcode.I8x16NarrowI16x8S, typeof(Sse2), nameof(Sse2.PackSignedSaturate), V(typeof(short)), V(typeof(short)));
            Exact(Opcode.I8x16NarrowI16x8U, typeof(Sse2), nameof(Sse2.PackUnsignedSaturate), V(typeof(short)), V(typeof(short)));
            Exact(Opcode.I16x8NarrowI32x4S, typeof(Sse2), nameof(Sse2.PackSignedSaturate), V(typeof(int)), V(typeof(int)));
        }
        if (Ssse3.IsSupported)
        {
            // pabs* wrap like WebAssembly: abs of the minimum value is itself.
            Exact(Opcode.I8x16Abs, typeof(Ssse3), nameof(Ssse3.Abs), V(typeof(sbyte)));
            Exact(Opcode.I16x8Abs, typeof(Ssse3), nameof(Ssse3.Abs), V(typeof(short)));
            Exact(Opcode.I32x4Abs, typeof(Ssse3), nameof(Ssse3.Abs), V(typeof(int)));
        }
        if (Sse41.IsSupported)
        {
            Exact(Opcode.I16x8NarrowI32x4U, typeof(Sse41), nameof(Sse41.PackUnsignedSaturate), V(typeof(int)), V(typeof(int)));
            foreach (var lane in new[] { typeof(float), typeof(double) })
            {
                string prefix = lane == typeof(float) ? "F32x4" : "F64x2";
                Exact(Op(prefix + "Ceil"), typeof(Sse41), nameof(Sse41.RoundToPositiveInfinity), V(lane));
                Exact(Op(prefix + "Floor"), typeof(Sse41), nameof(Sse41.RoundToNegativeInfinity), V(lane));
                Exact(Op(prefix + "Trunc"), typeof(Sse41), nameof(Sse41.RoundToZero), V(lane));
                Exact(Op(prefix + "Nearest"), typeof(Sse41), nameof(Sse41.RoundToNearestInteger), V(lane));
            }
        }
        return map;
    }

    private static Opcode Op(string name) => Enum.Parse<Opcode>(name);

    /// <summary>A generic <see cref="Vector128"/> method taking <paramref name="arity"/> vectors, made for <paramref name="lane"/>.</summary>
    private static MethodInfo FindGeneric(string name, Type lane, int arity)
    {
        var definition = typeof(Vector128).GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m =>
            m.Name == name && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1 &&
            m.GetParameters().Length == arity &&
            m.GetParameters().All(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Vector128<>)));
        return definition.MakeGenericMethod(lane);
    }
}
