namespace Djinn.Engine.Wasi;

/// <summary>The functions of wasi_snapshot_preview1 (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/witx/wasi_snapshot_preview1.witx).</summary>
internal static class WasiModule
{
    public const string Name = "wasi_snapshot_preview1";

    /// <summary>Creates the host functions bound to <paramref name="context"/>, by name.</summary>
    public static Dictionary<string, Function> CreateFunctions(WasiContext context)
    {
        _ = context;
        return new Dictionary<string, Function>(); // TODO(wasi helper): replace with the real set
    }
}
