namespace Djinn.Engine.Tests.Compilation;

public sealed class CompileOnceTests
{
    private const string Counter = """
        (module
          (memory (export "memory") 1)
          (global $calls (mut i32) (i32.const 0))
          (func (export "bump") (result i32)
            (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
            (i32.store (i32.const 0) (global.get $calls))
            (global.get $calls)))
        """;

    [Fact]
    public void Instantiating_a_compiled_module_many_times_creates_no_new_code()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, "compile-once-probe", Counter);
        var linker = new Linker(engine);

        for (int i = 0; i < 200; i++) linker.Instantiate(new Store(engine), module).GetFunction("bump")!.Invoke();

        // Other tests compile in parallel, so count only the code generated for this module's name.
        int generated = AppDomain.CurrentDomain.GetAssemblies()
            .Count(a => a.IsDynamic && TypesOf(a).Any(t => t.Name.EndsWith("compile_once_probe", StringComparison.Ordinal)));
        Assert.Equal(1, generated);
    }

    /// <summary>The types of a dynamic assembly; one that another test is still building has none loadable yet.</summary>
    private static IEnumerable<Type> TypesOf(System.Reflection.Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (System.Reflection.ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    [Fact]
    public void Every_instance_starts_fresh_with_its_own_memory_and_globals()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, "counter", Counter);
        var linker = new Linker(engine);
        var first = linker.Instantiate(new Store(engine), module);
        var second = linker.Instantiate(new Store(engine), module);

        Assert.Equal(1, first.GetFunction("bump")!.Invoke()[0]);
        Assert.Equal(2, first.GetFunction("bump")!.Invoke()[0]);
        Assert.Equal(1, second.GetFunction("bump")!.Invoke()[0]);
        Assert.Equal(2, first.GetMemory("memory")!.ReadInt32(0));
        Assert.Equal(1, second.GetMemory("memory")!.ReadInt32(0));
    }
}
