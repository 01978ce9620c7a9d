using System.Reflection;
using System.Runtime.CompilerServices;
using Djinn.Engine.Runtime;

namespace Djinn.Engine.Tests.Compilation;

public sealed class RuntimeOpsCompilationTests
{
    private static IEnumerable<MethodInfo> Helpers() => typeof(RuntimeOps)
        .GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        .Where(m => !m.IsDefined(typeof(CompilerGeneratedAttribute)) && !m.Name.Contains('<'));

    [Fact]
    public void Every_helper_that_guest_code_calls_is_compiled_optimized_on_its_first_call()
    {
        // Guest code never tiers up, so a helper it calls out of line must not start as tier-0 code (see RuntimeOps).
        var tiered = Helpers()
            .Where(m => !m.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization))
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(tiered);
        Assert.True(Helpers().Count() > 200, "the reflection query should see every helper");
    }

    [Fact]
    public void Helpers_meant_to_be_inlined_keep_their_inlining_hint()
    {
        var divide = typeof(RuntimeOps).GetMethod(nameof(RuntimeOps.DivS32), BindingFlags.Static | BindingFlags.Public)!;

        Assert.True(divide.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveInlining));
        Assert.True(divide.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization));
    }
}
