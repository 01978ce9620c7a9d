using System.Diagnostics;
using System.Text;

namespace Djinn.Engine.Functions;

/// <summary>
/// Runs one request in a fresh sandbox: a new store and instance per invocation (no state carries over), the
/// function's environment and nothing else, its limits, stdin/stdout/stderr in memory. Traps, timeouts, fuel
/// exhaustion and bad output become an <see cref="InvocationResult"/>, never an exception.
/// </summary>
public sealed class FunctionHost
{
    private readonly Engine _engine;
    private readonly Linker _linker;

    /// <summary>Creates a host for modules compiled by <paramref name="engine"/>.</summary>
    public FunctionHost(Engine engine)
    {
        _engine = engine;
        _linker = new Linker(engine);
        _linker.DefineWasi();
    }

    /// <summary>Runs the invocation on the calling thread.</summary>
    public InvocationResult Invoke(FunctionInvocation invocation)
    {
        var clock = Stopwatch.StartNew();
        var limits = invocation.Limits;
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        byte[] stdin = invocation.Mode == FunctionMode.Json
            ? FunctionContract.WriteRequest(invocation.Request, invocation.FunctionName, invocation.Version)
            : invocation.Request.Body.ToArray();
        var wasi = new WasiConfiguration().WithArgs(invocation.FunctionName)
            .WithStdio(new MemoryStream(stdin, writable: false),
                new OutputLimitStream(stdout, limits.MaxStdoutBytes),
                new OutputLimitStream(stderr, limits.MaxStderrBytes));
        foreach (var (name, value) in invocation.Environment) wasi.Environment[name] = value;

        using var store = new Store(_engine) { MemoryLimitBytes = limits.MemoryBytes };
        if (limits.Fuel is { } fuel) store.Fuel = fuel;
        store.SetWasiConfiguration(wasi);
        TrapCode? trap = null;
        string? error = null;
        int exitCode = 0;
        store.SetDeadline(limits.Timeout);
        try
        {
            var instance = _linker.Instantiate(store, invocation.Module);
            var start = instance.GetFunction("_start");
            if (start is null || start.Type.Parameters.Count != 0 || start.Type.Results.Count != 0)
            {
                error = "the module does not export a \"_start\" function of type [] -> []";
            }
            else
            {
                start.Invoke();
            }
        }
        catch (TrapException e) when (e.Code == TrapCode.Exit)
        {
            exitCode = e.ExitCode;
        }
        catch (TrapException e)
        {
            trap = e.Code;
            error = e.Message;
        }
        catch (WasmException e)
        {
            error = e.Message;
        }
        finally
        {
            store.CancelDeadline();
        }
        clock.Stop();

        var logs = SplitLines(stderr);
        long fuelUsed = store.FuelConsumed;
        long memory = store.MemoryBytesUsed;
        InvocationResult Result(FunctionOutcome outcome, FunctionResponse? response, string? message) =>
            new(outcome, response, trap, message, logs, clock.Elapsed, fuelUsed, memory);

        if (trap is TrapCode.Timeout) return Result(FunctionOutcome.Timeout, null, error);
        if (trap is TrapCode.OutOfFuel) return Result(FunctionOutcome.OutOfFuel, null, error);
        if (trap is not null) return Result(FunctionOutcome.Trap, null, error);
        if (error is not null) return Result(FunctionOutcome.Trap, null, error);
        if (exitCode != 0) return Result(FunctionOutcome.Trap, null, $"the function exited with code {exitCode}");
        if (invocation.Mode == FunctionMode.Raw)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            return Result(FunctionOutcome.Success, new FunctionResponse(200, headers, stdout.ToArray()), null);
        }
        return FunctionContract.TryReadResponse(stdout.GetBuffer().AsSpan(0, (int)stdout.Length), out var parsed, out var contractError)
            ? Result(FunctionOutcome.Success, parsed, null)
            : Result(FunctionOutcome.BadResponse, null, contractError);
    }

    private static List<string> SplitLines(MemoryStream stderr)
    {
        var lines = new List<string>();
        if (stderr.Length == 0) return lines;
        var text = Encoding.UTF8.GetString(stderr.GetBuffer(), 0, (int)stderr.Length);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0) lines.Add(line.TrimEnd('\r'));
        }
        return lines;
    }
}
