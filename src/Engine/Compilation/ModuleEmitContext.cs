using System.Reflection;
using System.Reflection.Emit;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;

namespace Djinn.Engine.Compilation;

/// <summary>The members of the dynamic type being built for one module, shared by its function compilers.</summary>
internal sealed class ModuleEmitContext
{
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public ModuleEmitContext(ModuleDefinition module, Config config, TypeBuilder type)
    {
        Module = module;
        Config = config;
        Type = type;
        GlobalFields = new FieldBuilder[module.TotalGlobalCount];
        TableFields = new FieldBuilder[module.TotalTableCount];
        ImportFields = new FieldBuilder[module.ImportedFunctionCount];
        Methods = new MethodBuilder[module.Bodies.Count];
        Twins = new MethodBuilder?[module.Bodies.Count];
        ChecksOnEntry = EntryChecks.Find(module);
    }

    public ModuleDefinition Module { get; }
    public Config Config { get; }
    public TypeBuilder Type { get; }
    public FieldBuilder? MemoryField { get; private set; }
    public FieldBuilder[] GlobalFields { get; }
    public FieldBuilder[] TableFields { get; }
    /// <summary>Typed delegates of imported functions.</summary>
    public FieldBuilder[] ImportFields { get; }
    /// <summary>The static method of each defined function: (params..., state, out extra results...) → first result.</summary>
    public MethodBuilder[] Methods { get; }
    /// <summary>Per defined function, its twin (see <see cref="RecursionTwins"/>) or null.</summary>
    public MethodBuilder?[] Twins { get; }
    /// <summary>Per function index: whether the function checks the stack (and sees interrupts) on entry (see <see cref="EntryChecks"/>).</summary>
    public bool[] ChecksOnEntry { get; }

    public static readonly FieldInfo GlobalBits = typeof(Global).GetField(nameof(Global.Bits), AnyInstance)!;
    public static readonly FieldInfo MemoryBase = typeof(Memory).GetField(nameof(Memory.Base), AnyInstance)!;
    public static readonly FieldInfo MemoryByteLength = typeof(Memory).GetField(nameof(Memory.ByteLength), AnyInstance)!;
    public static readonly FieldInfo BudgetField = typeof(InstanceContext).GetField(nameof(InstanceContext.Budget))!;

    public static string ThunkName(int functionIndex) => $"thunk{functionIndex}";

    private readonly Dictionary<FieldInfo, int> _fieldTokens = new();
    private readonly Dictionary<MethodInfo, (int Token, int StackChange)> _calls = new();

    /// <summary>
    /// Emits <c>call target</c> (or <c>callvirt</c>) with the target's token and stack effect looked up once per
    /// module. <c>Emit(OpCode, MethodInfo)</c> resolves a member reference (and a method spec for a generic
    /// instantiation) for a method of another assembly on every call, which was most of the time to emit a large
    /// module, where nearly every memory access and many numeric instructions call a runtime helper. Same bytes
    /// and stack accounting as <c>Emit(OpCode, MethodInfo)</c> (see <see cref="EmitInternals"/>).
    /// </summary>
    public void EmitCall(ILGenerator il, MethodInfo target, bool virtualCall = false)
    {
        var opcode = virtualCall ? OpCodes.Callvirt : OpCodes.Call;
        if (target is MethodBuilder || !EmitInternals.Available(il))
        {
            il.Emit(opcode, target);
            return;
        }
        if (!_calls.TryGetValue(target, out var call))
        {
            int change = -target.GetParameters().Length - (target.IsStatic ? 0 : 1) + (target.ReturnType == typeof(void) ? 0 : 1);
            call = (EmitInternals.MethodToken((ModuleBuilder)Type.Module, target), change);
            _calls[target] = call;
        }
        il.Emit(opcode, call.Token);
        EmitInternals.AddStack(il, call.StackChange);
    }

    /// <summary>
    /// Emits a field instruction with the field's metadata token looked up once per module: <c>Emit(OpCode, FieldInfo)</c>
    /// resolves the token of a field of another assembly (the budget, memory and instance fields every function
    /// touches) through the module's type references on every call, which dominated emitting large modules.
    /// Same bytes and stack accounting as <c>Emit(OpCode, FieldInfo)</c>.
    /// </summary>
    public void EmitField(ILGenerator il, OpCode opcode, FieldInfo field)
    {
        if (!_fieldTokens.TryGetValue(field, out int token))
        {
            token = ((ModuleBuilder)Type.Module).GetFieldMetadataToken(field);
            _fieldTokens[field] = token;
        }
        il.Emit(opcode, token);
    }

    public MethodBuilder MethodFor(uint functionIndex) => Methods[(int)functionIndex - Module.ImportedFunctionCount];

    /// <summary>The twin of a defined function (see <see cref="RecursionTwins"/>), or null.</summary>
    public MethodBuilder? TwinFor(uint functionIndex) => Twins[(int)functionIndex - Module.ImportedFunctionCount];

    /// <summary>Parameter types of a defined function's static method.</summary>
    public Type[] MethodParameters(FuncType type)
    {
        var invoke = SignatureDelegates.InvokeParameters(type);
        var list = new Type[invoke.Length + 1];
        int p = type.Parameters.Count;
        Array.Copy(invoke, list, p);
        list[p] = Type;
        Array.Copy(invoke, p, list, p + 1, invoke.Length - p);
        return list;
    }

    public void DefineMembers()
    {
        if (Module.TotalMemoryCount > 0) MemoryField = Type.DefineField("memory0", typeof(Memory), FieldAttributes.Public);
        for (int i = 0; i < GlobalFields.Length; i++) GlobalFields[i] = Type.DefineField($"global{i}", typeof(Global), FieldAttributes.Public);
        for (int i = 0; i < TableFields.Length; i++) TableFields[i] = Type.DefineField($"table{i}", typeof(Table), FieldAttributes.Public);
        for (int i = 0; i < ImportFields.Length; i++)
        {
            var delegateType = SignatureDelegates.For(Module.GetFunctionType((uint)i));
            ImportFields[i] = Type.DefineField($"import{i}", delegateType, FieldAttributes.Public);
        }
        var twins = RecursionTwins.Find(Module);
        for (int i = 0; i < Methods.Length; i++)
        {
            int index = Module.ImportedFunctionCount + i;
            Methods[i] = DefineFunctionMethod($"f{index}", index);
            if (twins[i])
                Twins[i] = DefineFunctionMethod($"f{index}_twin", index, MethodImplAttributes.AggressiveInlining);
        }
    }

    private MethodBuilder DefineFunctionMethod(string name, int index, MethodImplAttributes extraFlags = 0)
    {
        var type = Module.GetFunctionType((uint)index);
        var method = Type.DefineMethod(name, MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig,
            SignatureDelegates.ReturnType(type), MethodParameters(type));
        for (int r = 1; r < type.Results.Count; r++)
            method.DefineParameter(type.Parameters.Count + 1 + r, ParameterAttributes.Out, $"result{r}");
        // Guest code goes straight to optimized machine code: tier-0 code for a hot guest loop is many times slower.
        method.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization | extraFlags);
        // No blanket zeroing of the frame on entry: the prologue zeroes the wasm locals itself (see
        // FunctionCompiler.EmitLocalsZeroing), and nothing else is read before it is written.
        method.InitLocals = false;
        return method;
    }

    /// <summary>A static thunk (state, params..., out results...) that forwards to the function, so a delegate can close over the state.</summary>
    public MethodBuilder EmitThunk(int functionIndex)
    {
        var type = Module.GetFunctionType((uint)functionIndex);
        var invoke = SignatureDelegates.InvokeParameters(type);
        var thunk = Type.DefineMethod(ThunkName(functionIndex), MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig,
            SignatureDelegates.ReturnType(type), [Type, .. invoke]);
        var il = thunk.GetILGenerator();
        int p = type.Parameters.Count;
        for (int i = 0; i < p; i++) il.Emit(OpCodes.Ldarg, (short)(i + 1));
        il.Emit(OpCodes.Ldarg_0);
        for (int i = p; i < invoke.Length; i++) il.Emit(OpCodes.Ldarg, (short)(i + 1));
        il.Emit(OpCodes.Call, MethodFor((uint)functionIndex));
        il.Emit(OpCodes.Ret);
        return thunk;
    }

    /// <summary>
    /// A static <c>Delegate BindExport(InstanceContext state, int slot)</c>: the delegate of the <c>slot</c>-th thunk
    /// closed over <c>state</c> (<c>ldftn</c> + <c>newobj</c>, as C# binds an extension method), or null for an unknown
    /// slot. <c>MethodInfo.CreateDelegate</c> did the same by reflection for every instance, a few percent of a small
    /// request's CPU.
    /// </summary>
    public MethodBuilder EmitBindExport(IReadOnlyList<(int FunctionIndex, MethodBuilder Thunk)> thunks)
    {
        var method = Type.DefineMethod("BindExport", MethodAttributes.Public | MethodAttributes.Static, typeof(Delegate),
            [typeof(InstanceContext), typeof(int)]);
        var il = method.GetILGenerator();
        var state = il.DeclareLocal(Type);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, Type);
        il.Emit(OpCodes.Stloc, state);
        var labels = new Label[thunks.Count];
        for (int i = 0; i < labels.Length; i++) labels[i] = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Switch, labels);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ret);
        var constructors = new Dictionary<Type, ConstructorInfo>();
        for (int i = 0; i < labels.Length; i++)
        {
            var delegateType = SignatureDelegates.For(Module.GetFunctionType((uint)thunks[i].FunctionIndex));
            if (!constructors.TryGetValue(delegateType, out var constructor))
            {
                constructor = delegateType.GetConstructor([typeof(object), typeof(IntPtr)])!;
                constructors[delegateType] = constructor;
            }
            il.MarkLabel(labels[i]);
            il.Emit(OpCodes.Ldloc, state);
            il.Emit(OpCodes.Ldftn, thunks[i].Thunk);
            il.Emit(OpCodes.Newobj, constructor);
            il.Emit(OpCodes.Ret);
        }
        return method;
    }

    public void EmitBindFields()
    {
        var method = Type.DefineMethod(nameof(InstanceContext.BindFields),
            MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig, typeof(void), System.Type.EmptyTypes);
        var il = method.GetILGenerator();
        if (MemoryField is not null) BindArrayElement(il, nameof(InstanceContext.Memories), 0, MemoryField);
        for (int i = 0; i < GlobalFields.Length; i++) BindArrayElement(il, nameof(InstanceContext.Globals), i, GlobalFields[i]);
        for (int i = 0; i < TableFields.Length; i++) BindArrayElement(il, nameof(InstanceContext.Tables), i, TableFields[i]);
        var functions = typeof(InstanceContext).GetField(nameof(InstanceContext.Functions))!;
        var invoker = typeof(Function).GetField(nameof(Function.Invoker), AnyInstance)!;
        for (int i = 0; i < ImportFields.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, functions);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelem_Ref);
            il.Emit(OpCodes.Ldfld, invoker);
            il.Emit(OpCodes.Castclass, ImportFields[i].FieldType);
            il.Emit(OpCodes.Stfld, ImportFields[i]);
        }
        il.Emit(OpCodes.Ret);
        Type.DefineMethodOverride(method, typeof(InstanceContext).GetMethod(nameof(InstanceContext.BindFields))!);
    }

    private static void BindArrayElement(ILGenerator il, string arrayField, int index, FieldBuilder target)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, typeof(InstanceContext).GetField(arrayField)!);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Ldelem_Ref);
        il.Emit(OpCodes.Stfld, target);
    }

    /// <summary>A static factory, so instantiation does not go through reflection.</summary>
    public MethodBuilder EmitFactory()
    {
        var ctor = Type.DefineDefaultConstructor(MethodAttributes.Public);
        var factory = Type.DefineMethod("Create", MethodAttributes.Public | MethodAttributes.Static, typeof(InstanceContext), System.Type.EmptyTypes);
        var il = factory.GetILGenerator();
        il.Emit(OpCodes.Newobj, ctor);
        il.Emit(OpCodes.Ret);
        return factory;
    }
}
