namespace Djinn.Engine.Text;

/// <summary>What a node of the S-expression tree is.</summary>
internal enum SKind
{
    /// <summary>A parenthesised list.</summary>
    List,
    /// <summary>A run of idchars: keyword, id, number or reserved token.</summary>
    Atom,
    /// <summary>A string literal (bytes in <see cref="SNode.Bytes"/>).</summary>
    String,
}

/// <summary>
/// One node of the token tree (https://webassembly.github.io/spec/core/text/lexical.html).
/// The text format is parsed in two steps: tokens into this tree, then the tree into a module or script.
/// </summary>
internal sealed class SNode
{
    private static readonly List<SNode> s_noItems = [];

    /// <summary>Creates a node.</summary>
    public SNode(SKind kind, int line, int column, string text = "", byte[]? bytes = null, List<SNode>? items = null)
    {
        Kind = kind;
        Line = line;
        Column = column;
        Text = text;
        Bytes = bytes ?? [];
        Items = items ?? s_noItems;
    }

    /// <summary>The node kind.</summary>
    public SKind Kind { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>Atom text (or the source text of a string, for messages).</summary>
    public string Text { get; }

    /// <summary>Bytes of a string literal.</summary>
    public byte[] Bytes { get; }

    /// <summary>Offset of the first character in the source text.</summary>
    public int Start { get; init; }

    /// <summary>Offset just past the last character in the source text (set when a list closes).</summary>
    public int End { get; set; }

    /// <summary>Children of a list.</summary>
    public List<SNode> Items { get; }

    /// <summary>True for an atom starting with <c>$</c>.</summary>
    public bool IsId => Kind == SKind.Atom && Text.Length > 1 && Text[0] == '$';

    /// <summary>True for an atom that is a keyword (starts with a lowercase letter).</summary>
    public bool IsKeyword => Kind == SKind.Atom && Text.Length > 0 && Text[0] is >= 'a' and <= 'z';

    /// <summary>True for an atom that can be a number (starts with a digit or sign).</summary>
    public bool IsNumber => Kind == SKind.Atom && Text.Length > 0 && (char.IsAsciiDigit(Text[0]) || Text[0] is '+' or '-');

    /// <summary>True when this atom is exactly <paramref name="keyword"/>.</summary>
    public bool IsAtom(string keyword) => Kind == SKind.Atom && Text == keyword;

    /// <summary>True when this is a list whose first item is the keyword <paramref name="head"/>.</summary>
    public bool IsList(string head) => Kind == SKind.List && Items.Count > 0 && Items[0].IsAtom(head);

    /// <summary>The head keyword of a list, or null.</summary>
    public string? Head => Kind == SKind.List && Items.Count > 0 && Items[0].Kind == SKind.Atom ? Items[0].Text : null;

    /// <summary>Makes a malformed-text exception located at this node.</summary>
    public TextParseException Error(string cause) => new(Line, Column, cause);

    /// <summary>The string's bytes decoded as UTF-8; malformed when they are not valid UTF-8.</summary>
    public string Utf8()
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(Bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw Error("malformed UTF-8 encoding");
        }
    }
}
