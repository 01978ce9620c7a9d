using Djinn.Engine.Model;

namespace Djinn.Engine.Binary;

/// <summary>Decodes the binary format (https://webassembly.github.io/spec/core/binary/modules.html).</summary>
internal static class ModuleDecoder
{
    /// <summary>Decodes a whole module; throws <see cref="ModuleParseException"/> with the byte offset and cause.</summary>
    public static ModuleDefinition Decode(ReadOnlySpan<byte> bytes) => throw new ModuleParseException(0, "decoder pending");
}
