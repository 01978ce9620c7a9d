using BenchmarkDotNet.Attributes;
using Djinn.Engine;
using Djinn.Engine.Functions;

namespace Djinn.Bench;

/// <summary>
/// The per-request cost of the function host: a fresh store and instance of an already-compiled module, the JSON
/// contract in and out, WASI stdio in memory. The hello function writes a fixed response and one log line.
/// </summary>
[MemoryDiagnoser]
public class InvocationBenchmarks
{
    private FunctionHost _host = null!;
    private FunctionInvocation _invocation = null!;
    private Module _module = null!;
    private Engine.Engine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine.Engine();
        _module = Module.FromFile(_engine, Path.Combine(AppContext.BaseDirectory, "hello.wat"));
        _host = new FunctionHost(_engine);
        var request = new FunctionRequest("GET", "/fn/hello/", "/", "", new Dictionary<string, string[]>(), Array.Empty<byte>());
        _invocation = new FunctionInvocation(_module, "hello", 1, FunctionMode.Json, request, new Dictionary<string, string>(), new FunctionLimits());
    }

    /// <summary>Instantiate + run + parse the response, through the function host.</summary>
    [Benchmark]
    public int InvokeHelloThroughTheFunctionHost() => _host.Invoke(_invocation).Response!.Status;

    /// <summary>Only a fresh store and instance of a module without imports (the engine's instantiation floor).</summary>
    [Benchmark]
    public object InstantiateAModuleWithoutImports() => new Linker(_engine).Instantiate(new Store(_engine), Empty.Value);

    private static class Empty
    {
        public static readonly Module Value = Module.FromText(new Engine.Engine(), "empty", "(module (memory 1) (func (export \"f\")))");
    }
}
