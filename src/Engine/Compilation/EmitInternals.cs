using System.Reflection;
using System.Reflection.Emit;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Two internal members of the runtime's Reflection.Emit that let <see cref="ModuleEmitContext.EmitCall"/> emit a
/// call by a token resolved once per module: <c>RuntimeModuleBuilder.GetMethodTokenInternal</c> (the token
/// <c>ILGenerator.Emit(OpCode, MethodInfo)</c> itself uses, method specs included) and
/// <c>RuntimeILGenerator.UpdateStackSize</c> (a call emitted by raw token counts as depth-neutral, so its real
/// stack effect is added). Each is reached through a small dynamic method built once. If either member is
/// missing (another runtime), <see cref="Available"/> is false and calls are emitted the ordinary way: a change
/// in the runtime can cost compile speed, never correctness.
/// </summary>
internal static class EmitInternals
{
    private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly Type? s_generatorType;
    private static readonly Action<ILGenerator, int>? s_addStack;
    private static readonly Func<ModuleBuilder, MethodBase, int>? s_methodToken;

    static EmitInternals()
    {
        var probe = new DynamicMethod("probe", typeof(void), Type.EmptyTypes, typeof(EmitInternals).Module);
        // A TypeBuilder method's generator is the RuntimeILGenerator; a DynamicMethod's derives from it.
        var generator = probe.GetILGenerator().GetType();
        while (generator is not null && generator.Name != "RuntimeILGenerator") generator = generator.BaseType;
        var update = generator?.GetMethod("UpdateStackSize", Internal, [typeof(OpCode), typeof(int)]);
        var moduleBuilder = typeof(ModuleBuilder).Assembly.GetType("System.Reflection.Emit.RuntimeModuleBuilder");
        var token = moduleBuilder?.GetMethod("GetMethodTokenInternal", Internal, [typeof(MethodBase), typeof(Type[]), typeof(bool)]);
        if (generator is null || update is null || moduleBuilder is null || token is null) return;

        s_generatorType = generator;
        s_addStack = Build<Action<ILGenerator, int>>(typeof(void), [typeof(ILGenerator), typeof(int)], il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, generator);
            il.Emit(OpCodes.Ldsfld, typeof(OpCodes).GetField(nameof(OpCodes.Nop))!);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Call, update);
        });
        s_methodToken = Build<Func<ModuleBuilder, MethodBase, int>>(typeof(int), [typeof(ModuleBuilder), typeof(MethodBase)], il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, moduleBuilder);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Ldc_I4_0); // useMethodDef: false, as for call and callvirt
            il.Emit(OpCodes.Call, token);
        });
    }

    /// <summary>Whether calls by token can be emitted on this generator (a TypeBuilder method's).</summary>
    public static bool Available(ILGenerator il) => s_generatorType is not null && il.GetType() == s_generatorType;

    /// <summary>The token <c>Emit(OpCodes.Call, method)</c> would emit in <paramref name="module"/>.</summary>
    public static int MethodToken(ModuleBuilder module, MethodInfo method) => s_methodToken!(module, method);

    /// <summary>Adds <paramref name="change"/> to the generator's current stack depth (and so to its max stack).</summary>
    public static void AddStack(ILGenerator il, int change)
    {
        if (change != 0) s_addStack!(il, change);
    }

    private static T Build<T>(Type returnType, Type[] parameters, Action<ILGenerator> body) where T : Delegate
    {
        var method = new DynamicMethod(typeof(T).Name, returnType, parameters, typeof(EmitInternals).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        body(il);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<T>();
    }
}
