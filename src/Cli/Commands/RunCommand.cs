using Djinn.Engine;

namespace Djinn.Cli.Commands;

/// <summary>
/// <c>djinn run</c>: instantiates a WASI command with the process's stdio and calls <c>_start</c>
/// (the WASI application ABI: https://github.com/WebAssembly/WASI/blob/main/legacy/application-abi.md).
/// </summary>
internal static class RunCommand
{
    /// <summary>The entry point a WASI command exports.</summary>
    public const string EntryPoint = "_start";

    /// <summary>Parses <paramref name="args"/> and runs the module; returns the process exit code.</summary>
    public static int Run(string[] args, ICliEnvironment environment)
    {
        var options = RunOptions.Parse(args, out var error);
        if (options is null) return CommandLine.UsageError(environment, error!, RunOptions.Usage);
        if (options.ShowHelp)
        {
            environment.Out.WriteLine(RunOptions.Usage);
            return ExitCodes.Success;
        }
        return Execute(options, environment);
    }

    /// <summary>Loads, links and runs the module described by <paramref name="options"/> on a large-stack thread.</summary>
    public static int Execute(RunOptions options, ICliEnvironment environment)
    {
        var stdout = environment.OpenStandardOutput();
        var stderr = environment.OpenStandardError();
        try
        {
            return LargeStack.Run(() => RunGuest(options, environment, stdout, stderr));
        }
        catch (Exception e) when (FindExit(e) is { } exit)
        {
            return exit.ExitCode;
        }
        catch (TrapException trap)
        {
            environment.Error.WriteLine($"trap: {trap.Code}: {trap.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Trap;
        }
        catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException)
        {
            // ModuleParseException, TextParseException, ValidationException, LinkException, a missing file...
            environment.Error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            environment.Error.WriteLine($"error: internal error: {e}");
            return ExitCodes.InternalError;
        }
        finally
        {
            Flush(stdout);
            Flush(stderr);
            environment.Out.Flush();
        }
    }

    private static int RunGuest(RunOptions options, ICliEnvironment environment, Stream stdout, Stream stderr)
    {
        // Guests run on a LargeStack thread, so they may use far more than the engine default of 512 KiB.
        using var engine = new Engine.Engine(new Config { MaxStackBytes = LargeStack.DefaultSize / 4, ConsumeFuel = options.Fuel is not null });
        var module = Module.FromFile(engine, options.Path);
        var linker = new Linker(engine);
        linker.DefineWasi();
        using var store = new Store(engine);
        if (options.Fuel is { } fuel) store.Fuel = fuel;
        if (options.MaxMemoryBytes is { } memory) store.MemoryLimitBytes = memory;
        var wasi = new WasiConfiguration().WithArgs(Path.GetFileName(options.Path)).WithArgs(options.Arguments);
        foreach (var (name, value) in options.Environment) wasi.Environment[name] = value;
        foreach (var dir in options.Directories) wasi.PreopenDirectory(dir.HostPath, dir.GuestPath, dir.ReadOnly);
        wasi.WithStdio(environment.OpenStandardInput(), stdout, stderr);
        store.SetWasiConfiguration(wasi);

        if (options.Timeout is { } timeout) store.SetDeadline(timeout);
        var instance = linker.Instantiate(store, module);
        var start = instance.GetFunction(EntryPoint)
            ?? throw new LinkException($"module '{module.Name}' does not export a function '{EntryPoint}': it is not a WASI command");
        if (start.Type.Parameters.Count != 0 || start.Type.Results.Count != 0)
            throw new LinkException($"'{EntryPoint}' has type {start.Type}, expected [] -> []");
        start.Invoke();
        return ExitCodes.Success;
    }

    /// <summary>
    /// The proc_exit unwind, also when the engine wrapped it (e.g. as a host-error trap around the host function's exception).
    /// </summary>
    private static TrapException? FindExit(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is TrapException { Code: TrapCode.Exit } exit) return exit;
        }
        return null;
    }

    private static void Flush(Stream stream)
    {
        try
        {
            stream.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // Nothing sensible to do when the output went away (e.g. a closed pipe).
        }
    }
}
