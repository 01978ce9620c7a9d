using System.Text;
using Djinn.Data.Services;
using Djinn.Engine;

namespace Djinn.Admin.Web.Services;

/// <summary>The outcome of checking an uploaded module with the engine.</summary>
/// <param name="Error">The engine's message (with offset and cause) when the module is rejected.</param>
/// <param name="Imports">The imports when accepted.</param>
/// <param name="Exports">The exports when accepted.</param>
public sealed record ModuleInspection(string? Error, IReadOnlyList<ModuleItem> Imports, IReadOnlyList<ModuleItem> Exports)
{
    /// <summary>True when the engine accepted the module.</summary>
    public bool IsValid => Error is null;
}

/// <summary>Decodes, validates and compiles uploads with the engine before anything is stored.</summary>
public sealed class ModuleInspector(Djinn.Engine.Engine engine, ILogger<ModuleInspector> logger)
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Accepts binary WebAssembly (recognised by its magic) or WAT text.</summary>
    public ModuleInspection Inspect(byte[] bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var module = Module.IsBinary(bytes)
                ? Module.FromBytes(engine, fileName, bytes)
                : Module.FromText(engine, fileName, DecodeText(bytes));
            return new ModuleInspection(
                null,
                module.Imports.Select(i => new ModuleItem(i.ModuleName, i.Name, Kind(i.Kind), i.Type)).ToArray(),
                module.Exports.Select(e => new ModuleItem(null, e.Name, Kind(e.Kind), e.Type)).ToArray());
        }
        catch (WasmException ex)
        {
            return Rejected(ex.Message);
        }
        catch (DecoderFallbackException)
        {
            return Rejected("the module is neither binary WebAssembly (it does not start with \\0asm) nor UTF-8 WAT text");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Hostile input that trips an engine bug must still be a clean rejection, never a stored version.
            logger.LogError(ex, "The engine failed on an uploaded module");
            return Rejected("the engine could not compile the module: " + ex.GetType().Name);
        }
    }

    private static ModuleInspection Rejected(string error) => new(error, [], []);

    private static string DecodeText(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return _strictUtf8.GetString(span);
    }

    private static string Kind(ExternKind kind) => kind.ToString().ToLowerInvariant();
}
