using System.Text;

namespace Djinn.Engine.Tests.Support;

/// <summary>The outcome of running a WASI command in-process.</summary>
internal sealed record GuestRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a WASI command module in-process, capturing its output, as <c>djinn run</c> would.</summary>
internal static class GuestProgram
{
    public static GuestRun Run(string path, IEnumerable<string> args, string stdin = "")
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, path);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var configuration = new WasiConfiguration().WithArgs([Path.GetFileName(path), .. args])
            .WithStdio(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr);
        var store = new Store(engine);
        store.SetWasiConfiguration(configuration);
        var linker = new Linker(engine);
        linker.DefineWasi();
        int exitCode = 0;
        try
        {
            linker.Instantiate(store, module).GetFunction("_start")!.Invoke();
        }
        catch (TrapException trap) when (trap.Code == TrapCode.Exit)
        {
            exitCode = trap.ExitCode;
        }
        return new GuestRun(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
