using System.Diagnostics;
using System.Text;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Wasi.WasiFs;

/// <summary>Runs the WASI fixtures of tests/fixtures/wasi in-process through the engine, or under Node's node:wasi.</summary>
internal static class GuestRunner
{
    /// <summary>tests/fixtures/wasi.</summary>
    public static string FixtureDirectory => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "wasi");

    public static string Fixture(string name) => Path.Combine(FixtureDirectory, name);

    /// <summary>Runs <paramref name="wasm"/>'s _start with <paramref name="configure"/> applied; returns the exit code and stdout.</summary>
    public static (int ExitCode, string Output) Run(string wasm, Action<WasiConfiguration> configure)
    {
        using var engine = new Engine();
        var module = Module.FromFile(engine, wasm);
        var linker = new Linker(engine);
        linker.DefineWasi();
        var store = new Store(engine);
        var output = new MemoryStream();
        var configuration = new WasiConfiguration().WithArgs(Path.GetFileName(wasm)).WithStdio(null, output, output);
        configure(configuration);
        store.SetWasiConfiguration(configuration);
        var instance = linker.Instantiate(store, module);
        int code = 0;
        try
        {
            instance.GetFunction("_start")!.Invoke();
        }
        catch (Exception e) when (FindExit(e) is { } exit)
        {
            code = exit.ExitCode;
        }
        return (code, Encoding.UTF8.GetString(output.ToArray()));
    }

    /// <summary>True when a <c>node</c> executable is on PATH.</summary>
    public static bool HaveNode => FindOnPath("node") is not null;

    /// <summary>Runs <paramref name="wasm"/> under node:wasi with <paramref name="hostDirectory"/> preopened as <paramref name="guestName"/>.</summary>
    public static (int ExitCode, string Output) RunNode(string wasm, string hostDirectory, string guestName = "/sandbox")
    {
        var start = new ProcessStartInfo(FindOnPath("node")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--no-warnings", Fixture("run-node.mjs"), wasm, hostDirectory, guestName }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("node did not finish");
        }
        if (error.Result.Length > 0 && process.ExitCode != 0) throw new InvalidOperationException($"node failed: {error.Result}");
        return (process.ExitCode, output);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static TrapException? FindExit(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is TrapException { Code: TrapCode.Exit } exit) return exit;
        }
        return null;
    }
}
