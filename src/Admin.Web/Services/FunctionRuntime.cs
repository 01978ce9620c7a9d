using System.Text;
using Djinn.Admin.Web.Telemetry;
using Djinn.Engine;
using Djinn.Engine.Functions;

namespace Djinn.Admin.Web.Services;

/// <summary>
/// The gateway's execution side: one fuel-metering <see cref="Engine"/>, one <see cref="FunctionHost"/> and one bounded
/// <see cref="ModuleCache"/> keyed by the module's sha256. Modules are compiled eagerly when a version is uploaded or
/// activated, and otherwise on the first request that needs them.
/// </summary>
public sealed class FunctionRuntime : IDisposable
{
    /// <summary>How many compiled modules stay in memory (least recently used ones are evicted).</summary>
    public const int CacheCapacity = 128;

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Engine.Engine _engine;
    private readonly FunctionHost _host;
    private readonly ModuleCache _cache = new(CacheCapacity);
    private readonly IInvocationSink _sink;
    private readonly ILogger<FunctionRuntime> _logger;

    /// <summary>Creates the engine (with fuel metering, so per-function fuel limits work) and the host.</summary>
    public FunctionRuntime(IInvocationSink sink, ILogger<FunctionRuntime> logger)
    {
        _sink = sink;
        _logger = logger;
        _engine = new Engine.Engine(new Config { ConsumeFuel = true });
        _host = new FunctionHost(_engine);
    }

    /// <summary>Modules currently compiled and cached.</summary>
    public int CachedModules => _cache.Count;

    /// <summary>
    /// The compiled module for <paramref name="sha256"/>; <paramref name="loadBytes"/> (a synchronous store read) is
    /// only called on a miss. Reports the lookup to telemetry. Throws <see cref="WasmException"/> when the stored module
    /// is missing or does not compile.
    /// </summary>
    public Module GetModule(string sha256, Func<byte[]?> loadBytes)
    {
        ArgumentNullException.ThrowIfNull(loadBytes);
        bool compiled = false;
        var module = _cache.GetOrCompile(sha256, () =>
        {
            compiled = true;
            var bytes = loadBytes() ?? throw new WasmException($"module {sha256} is missing from the store");
            return Compile(sha256, bytes);
        });
        _sink.ModuleCacheLookup(hit: !compiled);
        return module;
    }

    /// <summary>Compiles and caches a module ahead of its first request. Never throws: a failure is logged.</summary>
    public void Precompile(string sha256, byte[] bytes)
    {
        try
        {
            _cache.GetOrCompile(sha256, () => Compile(sha256, bytes));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "Eager compilation of module {Sha256} failed; it will be retried on first request", sha256);
        }
    }

    /// <summary>Runs an invocation on the calling thread. Guest misbehaviour becomes the result, never an exception.</summary>
    public InvocationResult Invoke(FunctionInvocation invocation) => _host.Invoke(invocation);

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();

    private Module Compile(string sha256, byte[] bytes) => Module.IsBinary(bytes)
        ? Module.FromBytes(_engine, sha256, bytes)
        : Module.FromText(_engine, sha256, DecodeText(bytes));

    private static string DecodeText(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return _strictUtf8.GetString(span);
    }
}
