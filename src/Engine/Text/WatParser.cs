namespace Djinn.Engine.Text;

/// <summary>Parses the text format (https://webassembly.github.io/spec/core/text/) into the binary format.</summary>
internal static class WatParser
{
    /// <summary>Parses one module (with or without the outer <c>(module ...)</c>) into its binary encoding.</summary>
    /// <exception cref="TextParseException">The text is malformed.</exception>
    public static byte[] ParseModule(string text)
    {
        var nodes = Lexer.Parse(text);
        if (nodes.Count == 1 && nodes[0].IsList("module"))
        {
            var c = Cursor.After(nodes[0]);
            c.TakeId();
            return WatModule.Encode(nodes[0].Items.GetRange(c.Position, nodes[0].Items.Count - c.Position));
        }
        return WatModule.Encode(nodes);
    }

    /// <summary>Encodes the fields of an already-lexed <c>(module ...)</c> node, starting at <paramref name="start"/>.</summary>
    internal static byte[] EncodeFields(SNode module, int start) =>
        WatModule.Encode(module.Items.GetRange(start, module.Items.Count - start));
}
