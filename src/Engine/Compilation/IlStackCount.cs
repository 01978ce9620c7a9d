using System.Reflection;
using System.Reflection.Emit;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Adjusts the evaluation-stack count that a Reflection.Emit IL generator keeps to compute a method's max stack.
/// <see cref="ModuleEmitContext.EmitCall"/> emits calls by cached token, which the generator counts as depth-neutral;
/// this adds the call's real effect. It reaches the runtime generator's internal <c>UpdateStackSize</c> through
/// a small dynamic method built once. If that member is missing (another runtime), <see cref="Applies"/> is false
/// and callers emit calls the ordinary way, so the only cost of a change in the runtime is compile speed.
/// </summary>
internal static class IlStackCount
{
    private static readonly Type? s_generatorType;
    private static readonly Action<ILGenerator, int>? s_add;

    static IlStackCount()
    {
        var probe = new DynamicMethod("probe", typeof(void), Type.EmptyTypes, typeof(IlStackCount).Module);
        // A TypeBuilder's generator is the RuntimeILGenerator; a DynamicMethod's derives from it.
        var generator = probe.GetILGenerator().GetType();
        while (generator is not null && generator.Name != "RuntimeILGenerator") generator = generator.BaseType;
        var update = generator?.GetMethod("UpdateStackSize", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(OpCode), typeof(int)]);
        if (generator is null || update is null) return;

        var add = new DynamicMethod("AddStackCount", typeof(void), [typeof(ILGenerator), typeof(int)], typeof(IlStackCount).Module, skipVisibility: true);
        var il = add.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, generator);
        il.Emit(OpCodes.Ldsfld, typeof(OpCodes).GetField(nameof(OpCodes.Nop))!);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, update);
        il.Emit(OpCodes.Ret);
        s_generatorType = generator;
        s_add = add.CreateDelegate<Action<ILGenerator, int>>();
    }

    /// <summary>Whether calls by token can be counted right on this generator (a TypeBuilder method's).</summary>
    public static bool Applies(ILGenerator il) => s_add is not null && il.GetType() == s_generatorType;

    public static void Add(ILGenerator il, int change)
    {
        if (change != 0) s_add!(il, change);
    }
}
