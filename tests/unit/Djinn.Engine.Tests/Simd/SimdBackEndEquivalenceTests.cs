using System.Reflection;
using System.Runtime.Intrinsics;
using Djinn.Engine.Compilation;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;
using static Djinn.Engine.Tests.Simd.SimdHarness;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Simd;

/// <summary>
/// Opcodes the compiler emits as one intrinsic (<see cref="SimdIntrinsics"/>) must give exactly what their portable
/// <see cref="RuntimeOps"/> method gives, which is the fallback on other hardware.
/// </summary>
public sealed class SimdBackEndEquivalenceTests
{
    public static TheoryData<string> DirectOps()
    {
        var data = new TheoryData<string>();
        foreach (var name in Enum.GetNames<Opcode>())
        {
            var op = Enum.Parse<Opcode>(name);
            if (op > Opcode.SimdPrefix && SimdIntrinsics.TryGet(op, out _)) data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DirectOps))]
    public void Intrinsic_form_equals_the_runtime_op(string name)
    {
        var wrapper = typeof(RuntimeOps).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
        var ps = wrapper.GetParameters().Select(p => Kind(p.ParameterType)).ToArray();
        var compiled = Compile(ps, Kind(wrapper.ReturnType), Enum.Parse<Opcode>(name));
        var rng = new Random(name.Length * 31 + name[^1]);
        foreach (var (a, b) in Pairs(8, 1).Concat(FloatPairs(32, 2)).Concat(FloatPairs(64, 3)).Take(400))
        {
            var args = new object[ps.Length];
            var boxed = new object[ps.Length];
            for (int i = 0; i < ps.Length; i++)
            {
                var v = i == 0 ? a : b;
                args[i] = ps[i] switch
                {
                    K.V128 => v,
                    K.I64 => (long)v.Low,
                    _ => rng.Next(4) == 0 ? rng.Next(-200, 200) : (int)v.Low,
                };
                boxed[i] = args[i] is V128 x ? RuntimeOps.ToVector(x) : args[i];
            }
            object? expected = wrapper.Invoke(null, boxed);
            if (expected is Vector128<byte> e) expected = RuntimeOps.FromVector(e);
            if (expected is uint u) expected = (int)u;
            object? actual = compiled.Invoke(args)[0];
            Assert.True(Equals(expected, actual), $"{name}({string.Join(", ", args)}): runtime op {expected}, compiled {actual}");
        }
    }

    private static K Kind(Type t) =>
        t == typeof(Vector128<byte>) ? K.V128 : t == typeof(long) ? K.I64 : t == typeof(float) ? K.F32 : t == typeof(double) ? K.F64 : K.I32;
}
