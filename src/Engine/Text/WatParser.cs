namespace Djinn.Engine.Text;

/// <summary>Parses the text format (https://webassembly.github.io/spec/core/text/) into the binary format.</summary>
internal static class WatParser
{
    /// <summary>Parses one module (with or without the outer <c>(module ...)</c>) into its binary encoding.</summary>
    /// <exception cref="TextParseException">The text is malformed.</exception>
    public static byte[] ParseModule(string text)
    {
        // A stray ")" is reported after any error in the text before it, as the reference interpreter does.
        var nodes = Lexer.Parse(text, out var stray);
        byte[] bytes;
        if (nodes.Count == 1 && nodes[0].IsList("module"))
        {
            var c = Cursor.After(nodes[0]);
            c.TakeId();
            bytes = WatModule.Encode(nodes[0].Items.GetRange(c.Position, nodes[0].Items.Count - c.Position));
        }
        else
        {
            bytes = WatModule.Encode(nodes);
        }
        if (stray is not null) throw stray;
        return bytes;
    }

    /// <summary>Encodes the fields of an already-lexed <c>(module ...)</c> node, starting at <paramref name="start"/>.</summary>
    internal static byte[] EncodeFields(SNode module, int start) =>
        WatModule.Encode(module.Items.GetRange(start, module.Items.Count - start));
}
