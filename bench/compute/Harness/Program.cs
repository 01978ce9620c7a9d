using System.Diagnostics;
using System.Globalization;
using Djinn.Engine;

namespace Djinn.Bench.Compute;

/// <summary>
/// Times the parts of a djinn run that a whole-process measurement mixes together, in one process:
/// <list type="bullet">
/// <item><c>run MODULE.wasm [--repeat N] [--fuel] [-- ARGS]</c>: compile the module once, then N times instantiate it
/// in a fresh store and call <c>_start</c>. <c>--fuel</c> compiles fuel metering in, as the server does (with a budget
/// that never runs out), to measure what metering costs. The first run's stdout goes to this process's stdout (so it can be checked), later
/// runs' to nowhere. Run 1 includes RyuJIT compiling every guest function it reaches (the JIT warm-up); runs 2..N
/// reuse that machine code (the steady state).</item>
/// <item><c>compile MODULE.wasm [--repeat N]</c>: N times decode+validate (<see cref="Module.Validate"/>) and
/// decode+validate+IL emit (<see cref="Module.FromBytes"/>), each in a fresh engine.</item>
/// </list>
/// Timings go to stderr as one line: <c>djinn-bench KEY=VALUE ...</c> (milliseconds, comma-separated per repeat;
/// <c>cpu_ms</c> is the process's CPU time, all threads, including background JIT).
/// </summary>
internal static class Program
{
    private const int StackSize = 256 * 1024 * 1024;

    private static int Main(string[] args)
    {
        Djinn.Engine.GuardPageTraps.RelaunchIfNeeded(); // measure what the server runs: accesses left to guard pages
        if (args.Length < 2) return Usage();
        string mode = args[0], path = args[1];
        int repeat = 3;
        bool fuel = false;
        var guestArgs = new List<string>();
        for (int i = 2; i < args.Length; i++)
        {
            if (args[i] == "--repeat" && i + 1 < args.Length) repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--fuel") fuel = true;
            else if (args[i] == "--") { guestArgs.AddRange(args[(i + 1)..]); break; }
            else guestArgs.Add(args[i]);
        }
        int code = 0;
        var thread = new Thread(() => code = mode switch
        {
            "run" => RunMode(path, repeat, fuel, guestArgs),
            "compile" => CompileMode(path, repeat),
            _ => Usage(),
        }, StackSize);
        thread.Start();
        thread.Join();
        return code;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: djinn-bench run MODULE.wasm [--repeat N] [--fuel] [-- ARGS...] | compile MODULE.wasm [--repeat N]");
        return 2;
    }

    private static int RunMode(string path, int repeat, bool fuel, List<string> guestArgs)
    {
        var bytes = File.ReadAllBytes(path);
        using var engine = new Engine.Engine(new Config { MaxStackBytes = StackSize / 4, ConsumeFuel = fuel });
        var clock = Stopwatch.StartNew();
        var module = Module.FromBytes(engine, Path.GetFileName(path), bytes);
        double compileMs = clock.Elapsed.TotalMilliseconds;
        var runs = new List<double>();
        var cpu = new List<double>();
        int exitCode = 0;
        using var self = Process.GetCurrentProcess();
        using var stdout = Console.OpenStandardOutput();
        for (int r = 0; r < repeat; r++)
        {
            var output = r == 0 ? new BufferedStream(stdout, 1 << 16) : Stream.Null;
            self.Refresh();
            var cpuStart = self.TotalProcessorTime;
            clock.Restart();
            exitCode = RunOnce(engine, module, path, guestArgs, output);
            runs.Add(clock.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpuStart).TotalMilliseconds);
            output.Flush();
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"djinn-bench compile_ms={compileMs:F1} run_ms={List(runs)} cpu_ms={List(cpu)}"));
        return exitCode;
    }

    private static string List(List<double> xs) => string.Join(',', xs.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)));

    private static int RunOnce(Engine.Engine engine, Module module, string path, List<string> guestArgs, Stream output)
    {
        var linker = new Linker(engine);
        linker.DefineWasi();
        using var store = new Store(engine);
        var wasi = new WasiConfiguration().WithArgs(Path.GetFileName(path)).WithArgs(guestArgs);
        wasi.WithStdio(Stream.Null, output, Console.OpenStandardError());
        store.SetWasiConfiguration(wasi);
        var instance = linker.Instantiate(store, module);
        try
        {
            instance.GetFunction("_start")!.Invoke();
            return 0;
        }
        catch (Exception e) when (FindExit(e) is { } exit)
        {
            return exit.ExitCode;
        }
    }

    private static TrapException? FindExit(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is TrapException { Code: TrapCode.Exit } exit) return exit;
        }
        return null;
    }

    private static int CompileMode(string path, int repeat)
    {
        var bytes = File.ReadAllBytes(path);
        var validate = new List<double>();
        var compile = new List<double>();
        var compileCpu = new List<double>();
        var clock = new Stopwatch();
        using var self = Process.GetCurrentProcess();
        for (int r = 0; r < repeat; r++)
        {
            using (var engine = new Engine.Engine())
            {
                clock.Restart();
                Module.Validate(engine, bytes);
                validate.Add(clock.Elapsed.TotalMilliseconds);
            }
            using (var engine = new Engine.Engine())
            {
                self.Refresh();
                var cpuStart = self.TotalProcessorTime;
                clock.Restart();
                _ = Module.FromBytes(engine, Path.GetFileName(path), bytes);
                compile.Add(clock.Elapsed.TotalMilliseconds);
                self.Refresh();
                compileCpu.Add((self.TotalProcessorTime - cpuStart).TotalMilliseconds);
            }
        }
        Console.Error.WriteLine($"djinn-bench bytes={bytes.Length} validate_ms={List(validate)} compile_ms={List(compile)} compile_cpu_ms={List(compileCpu)}");
        return 0;
    }
}
