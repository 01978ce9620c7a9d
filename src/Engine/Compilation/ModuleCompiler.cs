using Djinn.Engine.Model;

namespace Djinn.Engine.Compilation;

/// <summary>Compiles every function of a module to IL in one dynamic type.</summary>
internal static class ModuleCompiler
{
    public static CompiledModule Compile(ModuleDefinition module, Config config, string name) => new(module);
}

/// <summary>The output of <see cref="ModuleCompiler"/>, shared by all instances of a module.</summary>
internal sealed class CompiledModule
{
    public CompiledModule(ModuleDefinition module) { Module = module; }
    public ModuleDefinition Module { get; }
}
