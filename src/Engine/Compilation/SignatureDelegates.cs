using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Maps a <see cref="FuncType"/> to the delegate type every function of that signature is invoked through.
/// Up to 16 parameters and at most one result use <see cref="Func{TResult}"/>/<see cref="Action"/>;
/// other signatures get a delegate type defined once per process, with extra results as <c>out</c> parameters.
/// </summary>
internal static class SignatureDelegates
{
    private static readonly ConcurrentDictionary<FuncType, Type> s_cache = new();
    private static readonly object s_defineLock = new();
    private static ModuleBuilder? s_module;
    private static int s_counter;

    private static readonly Type[] s_funcs =
    {
        typeof(Func<>), typeof(Func<,>), typeof(Func<,,>), typeof(Func<,,,>), typeof(Func<,,,,>), typeof(Func<,,,,,>),
        typeof(Func<,,,,,,>), typeof(Func<,,,,,,,>), typeof(Func<,,,,,,,,>), typeof(Func<,,,,,,,,,>), typeof(Func<,,,,,,,,,,>),
        typeof(Func<,,,,,,,,,,,>), typeof(Func<,,,,,,,,,,,,>), typeof(Func<,,,,,,,,,,,,,>), typeof(Func<,,,,,,,,,,,,,,>),
        typeof(Func<,,,,,,,,,,,,,,,>), typeof(Func<,,,,,,,,,,,,,,,,>),
    };

    private static readonly Type[] s_actions =
    {
        typeof(Action), typeof(Action<>), typeof(Action<,>), typeof(Action<,,>), typeof(Action<,,,>), typeof(Action<,,,,>),
        typeof(Action<,,,,,>), typeof(Action<,,,,,,>), typeof(Action<,,,,,,,>), typeof(Action<,,,,,,,,>), typeof(Action<,,,,,,,,,>),
        typeof(Action<,,,,,,,,,,>), typeof(Action<,,,,,,,,,,,>), typeof(Action<,,,,,,,,,,,,>), typeof(Action<,,,,,,,,,,,,,>),
        typeof(Action<,,,,,,,,,,,,,,>), typeof(Action<,,,,,,,,,,,,,,,>),
    };

    /// <summary>The CLR type that carries a value of <paramref name="kind"/> in compiled code.</summary>
    public static Type ClrType(ValueKind kind) => kind switch
    {
        ValueKind.I32 => typeof(int),
        ValueKind.I64 => typeof(long),
        ValueKind.F32 => typeof(float),
        ValueKind.F64 => typeof(double),
        ValueKind.V128 => typeof(Vector128<byte>),
        _ => typeof(object),
    };

    /// <summary>The delegate type for <paramref name="type"/>.</summary>
    public static Type For(FuncType type) => s_cache.GetOrAdd(type, Create);

    /// <summary>The parameter list of the Invoke method for <paramref name="type"/>: params, then extra results by reference.</summary>
    public static Type[] InvokeParameters(FuncType type)
    {
        int extra = Math.Max(0, type.Results.Count - 1);
        var list = new Type[type.Parameters.Count + extra];
        for (int i = 0; i < type.Parameters.Count; i++) list[i] = ClrType(type.Parameters[i]);
        for (int i = 0; i < extra; i++) list[type.Parameters.Count + i] = ClrType(type.Results[i + 1]).MakeByRefType();
        return list;
    }

    /// <summary>The return type of the Invoke method for <paramref name="type"/>.</summary>
    public static Type ReturnType(FuncType type) => type.Results.Count == 0 ? typeof(void) : ClrType(type.Results[0]);

    private static readonly ConcurrentDictionary<Type, FuncType> s_inferred = new();

    /// <summary>
    /// Reads the wasm signature off a delegate type (int, long, float, double; V128 or Vector128&lt;byte&gt; = v128;
    /// object = externref). Cached per type.
    /// </summary>
    public static FuncType InferType(Type delegateType) => s_inferred.GetOrAdd(delegateType, InferTypeUncached);

    private static FuncType InferTypeUncached(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke") ?? throw new ArgumentException("not a delegate type");
        var ps = invoke.GetParameters();
        var parameters = new List<ValueKind>();
        var results = new List<ValueKind>();
        if (invoke.ReturnType != typeof(void)) results.Add(KindOf(invoke.ReturnType));
        foreach (var p in ps)
        {
            if (p.ParameterType.IsByRef) results.Add(KindOf(p.ParameterType.GetElementType()!));
            else parameters.Add(KindOf(p.ParameterType));
        }
        return new FuncType(parameters.ToArray(), results.ToArray());
    }

    private static ValueKind KindOf(Type t)
    {
        if (t == typeof(int)) return ValueKind.I32;
        if (t == typeof(long)) return ValueKind.I64;
        if (t == typeof(float)) return ValueKind.F32;
        if (t == typeof(double)) return ValueKind.F64;
        if (t == typeof(V128) || t == typeof(Vector128<byte>)) return ValueKind.V128;
        if (t == typeof(object)) return ValueKind.ExternRef;
        throw new ArgumentException($"type {t.Name} has no WebAssembly equivalent (use int, long, float, double, V128 or object)");
    }

    private static Type Create(FuncType type)
    {
        var ps = InvokeParameters(type);
        var ret = ReturnType(type);
        if (type.Results.Count <= 1 && ps.Length <= 16)
        {
            if (ret == typeof(void)) return ps.Length == 0 ? typeof(Action) : s_actions[ps.Length].MakeGenericType(ps);
            return s_funcs[ps.Length].MakeGenericType([.. ps, ret]);
        }
        return DefineDelegate(ps, ret);
    }

    private static Type DefineDelegate(Type[] ps, Type ret)
    {
        lock (s_defineLock)
        {
            s_module ??= AssemblyBuilder
                .DefineDynamicAssembly(new AssemblyName("Djinn.Signatures"), AssemblyBuilderAccess.Run)
                .DefineDynamicModule("Djinn.Signatures");
            var tb = s_module.DefineType($"Signature{s_counter++}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.AutoClass, typeof(MulticastDelegate));
            var ctor = tb.DefineConstructor(MethodAttributes.RTSpecialName | MethodAttributes.HideBySig | MethodAttributes.Public,
                CallingConventions.Standard, [typeof(object), typeof(IntPtr)]);
            ctor.SetImplementationFlags(MethodImplAttributes.Runtime | MethodImplAttributes.Managed);
            var invoke = tb.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.NewSlot | MethodAttributes.Virtual,
                ret, ps);
            for (int i = 0; i < ps.Length; i++)
                invoke.DefineParameter(i + 1, ps[i].IsByRef ? ParameterAttributes.Out : ParameterAttributes.None, $"p{i}");
            invoke.SetImplementationFlags(MethodImplAttributes.Runtime | MethodImplAttributes.Managed);
            return tb.CreateType();
        }
    }
}

/// <summary>Interns function types to small integers so call_indirect checks a signature with one compare.</summary>
internal static class FuncTypeIds
{
    private static readonly ConcurrentDictionary<FuncType, int> s_ids = new();
    private static int s_next;

    public static int Get(FuncType type) => s_ids.GetOrAdd(type, _ => Interlocked.Increment(ref s_next));
}
