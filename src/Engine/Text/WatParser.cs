namespace Djinn.Engine.Text;

/// <summary>Parses the text format (https://webassembly.github.io/spec/core/text/) into the binary format.</summary>
internal static class WatParser
{
    /// <summary>Parses one module (with or without the outer <c>(module ...)</c>) into its binary encoding.</summary>
    public static byte[] ParseModule(string text) => throw new TextParseException(1, 1, "text parser pending");
}
