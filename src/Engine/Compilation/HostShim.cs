using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using Djinn.Engine.Runtime;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Adapts a host callback written with the public <see cref="V128"/> type to the signature delegate compiled code
/// calls, which carries v128 as <see cref="Vector128{T}"/> of bytes: a small dynamic method converts the arguments,
/// calls the callback and converts the results back.
/// </summary>
internal static class HostShim
{
    private static readonly MethodInfo s_toVector = typeof(RuntimeOps).GetMethod(nameof(RuntimeOps.ToVector))!;
    private static readonly MethodInfo s_fromVector = typeof(RuntimeOps).GetMethod(nameof(RuntimeOps.FromVector))!;

    /// <summary>True when the delegate type's Invoke mentions <see cref="V128"/> (by value or by reference).</summary>
    public static bool UsesPublicV128(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        if (invoke.ReturnType == typeof(V128)) return true;
        foreach (var p in invoke.GetParameters())
        {
            var t = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            if (t == typeof(V128)) return true;
        }
        return false;
    }

    /// <summary>A delegate of type <paramref name="expected"/> forwarding to <paramref name="callback"/>.</summary>
    public static Delegate Create(Delegate callback, Type expected)
    {
        var target = expected.GetMethod("Invoke")!;
        var source = callback.GetType().GetMethod("Invoke")!;
        var targetParams = target.GetParameters();
        var sourceParams = source.GetParameters();
        var dm = new DynamicMethod("host_v128_shim", target.ReturnType,
            [callback.GetType(), .. targetParams.Select(p => p.ParameterType)], typeof(HostShim).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        var temps = new LocalBuilder?[sourceParams.Length];
        il.Emit(OpCodes.Ldarg_0);
        for (int i = 0; i < sourceParams.Length; i++)
        {
            var sourceType = sourceParams[i].ParameterType;
            if (sourceType == typeof(V128).MakeByRefType())
            {
                temps[i] = il.DeclareLocal(typeof(V128));
                il.Emit(OpCodes.Ldloca, temps[i]!);
            }
            else
            {
                il.Emit(OpCodes.Ldarg, (short)(i + 1));
                if (sourceType == typeof(V128)) il.Emit(OpCodes.Call, s_fromVector);
            }
        }
        il.Emit(OpCodes.Callvirt, source);
        if (source.ReturnType == typeof(V128)) il.Emit(OpCodes.Call, s_toVector);
        for (int i = 0; i < temps.Length; i++)
        {
            if (temps[i] is null) continue;
            il.Emit(OpCodes.Ldarg, (short)(i + 1));
            il.Emit(OpCodes.Ldloc, temps[i]!);
            il.Emit(OpCodes.Call, s_toVector);
            il.Emit(OpCodes.Stobj, typeof(Vector128<byte>));
        }
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate(expected, callback);
    }
}
