using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Csv;
using Djinn.Engine;
using Djinn.Engine.Functions;

namespace Djinn.Bench;

/// <summary>
/// The per-request cost of the function host: a fresh store and instance of an already-compiled module, the JSON
/// contract in and out, WASI stdio in memory. Reported with the median (p50), p95 and the bytes allocated per call.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class InvocationBenchmarks
{
    private FunctionHost _host = null!;
    private FunctionInvocation _hello = null!;
    private FunctionInvocation _contract = null!;
    private Engine.Engine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        // As the server: fuel metering compiled in (unmetered runs), the default limits.
        _engine = new Engine.Engine(new Config { ConsumeFuel = true });
        _host = new FunctionHost(_engine);
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = ["127.0.0.1:8080"],
            ["User-Agent"] = ["wrk"],
        };
        var request = new FunctionRequest("GET", "/fn/hello", "/", "", headers, Array.Empty<byte>(), "127.0.0.1", "4bf92f3577b34da6a3ce929d0e0e4736");
        var hello = Module.FromFile(_engine, Path.Combine(AppContext.BaseDirectory, "hello.wat"));
        var contract = Module.FromFile(_engine, Path.Combine(AppContext.BaseDirectory, "contract.wat"));
        _hello = new FunctionInvocation(hello, "hello", 1, FunctionMode.Json, request, new Dictionary<string, string>(), new FunctionLimits());
        _contract = _hello with { Module = contract, FunctionName = "contract" };
    }

    /// <summary>
    /// Issue target 2: instantiate and run a minimal contract function (reads the request from stdin, writes a short
    /// JSON response), through the function host, with the response parsed.
    /// </summary>
    [Benchmark]
    public int InvokeMinimalContractFunction() => _host.Invoke(_contract).Response!.Status;

    /// <summary>The test fixture hello: writes a fixed response and one log line, ignores stdin.</summary>
    [Benchmark]
    public int InvokeHelloThroughTheFunctionHost() => _host.Invoke(_hello).Response!.Status;

    /// <summary>Only a fresh store and instance of a module without imports (the engine's instantiation floor).</summary>
    [Benchmark]
    public object InstantiateAModuleWithoutImports()
    {
        using var store = new Store(_engine);
        return new Linker(_engine).Instantiate(store, Empty.Value);
    }

    private static class Empty
    {
        public static readonly Module Value = Module.FromText(new Engine.Engine(), "empty", "(module (memory 1) (func (export \"f\")))");
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
            AddExporter(CsvMeasurementsExporter.Default);
        }
    }
}
