using System.Reflection;
using System.Reflection.Emit;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;
using Djinn.Engine.Validation;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Compiles a module into one dynamic type: a subclass of <see cref="InstanceContext"/> with a static method per
/// function (RyuJIT turns the IL into machine code on first call), typed fields for the instance's memory, tables,
/// globals and imports, and a thunk per function for delegates. One collectible assembly per module.
/// </summary>
internal static class ModuleCompiler
{
    private static int s_assemblyCounter;

    public static CompiledModule Compile(ModuleDefinition module, Config config, string name)
    {
        int id = Interlocked.Increment(ref s_assemblyCounter);
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"Djinn.Guest{id}"), AssemblyBuilderAccess.RunAndCollect);
        var dynamicModule = assembly.DefineDynamicModule($"Djinn.Guest{id}");
        AccessChecks.Ignore(assembly, dynamicModule, typeof(InstanceContext).Assembly);

        var type = dynamicModule.DefineType($"Guest{id}_{Sanitize(name)}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(InstanceContext));
        var emit = new ModuleEmitContext(module, config, type);
        emit.DefineMembers();

        // Only functions that can become values (exported, in tables, ref.func) or the start function are ever
        // wrapped in a delegate, so only they get a thunk: in a large module most functions are only called directly.
        var escaping = new bool[module.ImportedFunctionCount + module.Bodies.Count];
        ModuleValidator.CollectRefs(module, escaping);
        if (module.StartFunction is { } start) escaping[(int)start] = true;
        var thunks = new List<(int, MethodBuilder)>();
        var slots = new int[module.Bodies.Count];
        int largestFrame = 0;
        for (int i = 0; i < module.Bodies.Count; i++)
        {
            int functionIndex = module.ImportedFunctionCount + i;
            var function = new FunctionCompiler(emit, functionIndex, module.Bodies[i]);
            function.Compile();
            int frame = function.FrameBytes;
            if (emit.TwinFor((uint)functionIndex) is not null)
            {
                // Inlined into the original, the twin's locals share its frame.
                var twin = new FunctionCompiler(emit, functionIndex, module.Bodies[i], asTwin: true);
                twin.Compile();
                frame += twin.FrameBytes;
            }
            largestFrame = Math.Max(largestFrame, frame);
            slots[i] = -1;
            if (escaping[functionIndex])
            {
                slots[i] = thunks.Count;
                thunks.Add((functionIndex, emit.EmitThunk(functionIndex)));
            }
        }
        emit.EmitBindFields();
        var factory = emit.EmitFactory();
        var bindExport = emit.EmitBindExport(thunks);

        var created = type.CreateType();
        var create = created.GetMethod(factory.Name, BindingFlags.Static | BindingFlags.Public)!
            .CreateDelegate<Func<InstanceContext>>();
        var bind = created.GetMethod(bindExport.Name, BindingFlags.Static | BindingFlags.Public)!
            .CreateDelegate<Func<InstanceContext, int, Delegate?>>();
        return new CompiledModule(module, create, bind, slots, largestFrame);
    }

    private static string Sanitize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 40)];
        for (int i = 0; i < buffer.Length; i++) buffer[i] = char.IsLetterOrDigit(name[i]) ? name[i] : '_';
        return new string(buffer);
    }
}

/// <summary>The output of <see cref="ModuleCompiler"/>, shared by all instances of a module.</summary>
internal sealed class CompiledModule(ModuleDefinition module, Func<InstanceContext> create,
    Func<InstanceContext, int, Delegate?> bindExport, int[] exportSlots, int largestFrameBytes)
{
    public ModuleDefinition Module { get; } = module;

    /// <summary>The estimated native frame of this module's largest function (see <see cref="NativeStack.FloorFor"/>).</summary>
    public int LargestFrameBytes { get; } = largestFrameBytes;

    /// <summary>A fresh, unbound instance state.</summary>
    public InstanceContext CreateState()
    {
        var state = create();
        state.Compiled = this;
        return state;
    }

    /// <summary>Binds a defined function of <paramref name="state"/> into a callable <see cref="Function"/>.</summary>
    public Function CreateFunction(InstanceContext state, int functionIndex)
    {
        int slot = exportSlots[functionIndex - Module.ImportedFunctionCount];
        var invoker = (slot >= 0 ? bindExport(state, slot) : null) ?? throw new InvalidOperationException(
            $"function {functionIndex} is neither exported, referenced by ref.func or an element segment, nor the start function");
        return new Function(Module.GetFunctionType((uint)functionIndex), invoker, state.Budget);
    }
}

/// <summary>Lets a dynamic assembly use this assembly's internal types (IgnoresAccessChecksToAttribute, honoured by CoreCLR).</summary>
internal static class AccessChecks
{
    public static void Ignore(AssemblyBuilder assembly, ModuleBuilder module, Assembly target)
    {
        var attribute = module.DefineType("System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(Attribute));
        var ctor = attribute.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(string)]);
        var il = ctor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ret);
        var created = attribute.CreateType();
        assembly.SetCustomAttribute(new CustomAttributeBuilder(created.GetConstructor([typeof(string)])!, [target.GetName().Name!]));
    }
}
