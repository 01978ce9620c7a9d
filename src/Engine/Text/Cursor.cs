namespace Djinn.Engine.Text;

/// <summary>A read position in the items of a list node (or in a top-level node sequence).</summary>
internal sealed class Cursor
{
    private readonly List<SNode> _items;
    private readonly SNode? _owner;

    /// <summary>Creates a cursor over <paramref name="items"/> starting at <paramref name="start"/>.</summary>
    public Cursor(List<SNode> items, int start, SNode? owner)
    {
        _items = items;
        Position = start;
        _owner = owner;
    }

    /// <summary>Creates a cursor over the items of a list, after its head keyword.</summary>
    public static Cursor After(SNode list) => new(list.Items, 1, list);

    /// <summary>The index of the next item.</summary>
    public int Position { get; private set; }

    /// <summary>True when no item is left.</summary>
    public bool AtEnd => Position >= _items.Count;

    /// <summary>The next item, or null at the end.</summary>
    public SNode? Peek => Position < _items.Count ? _items[Position] : null;

    /// <summary>The item at <paramref name="index"/> of the underlying list (for looking back at consumed items).</summary>
    public SNode Item(int index) => _items[index];

    /// <summary>Consumes the next item; malformed at the end.</summary>
    public SNode Next()
    {
        if (AtEnd) throw EndError();
        return _items[Position++];
    }

    /// <summary>Consumes the next item if it is an id atom.</summary>
    public SNode? TakeId()
    {
        var p = Peek;
        if (p is not null && p.IsId) { Position++; return p; }
        return null;
    }

    /// <summary>Consumes the next item if it is an index (id or number atom).</summary>
    public SNode? TakeIndex()
    {
        var p = Peek;
        if (p is not null && (p.IsId || p.IsNumber)) { Position++; return p; }
        return null;
    }

    /// <summary>Consumes the next item if it is the keyword.</summary>
    public bool TakeAtom(string keyword)
    {
        if (Peek?.IsAtom(keyword) == true) { Position++; return true; }
        return false;
    }

    /// <summary>Consumes the next item if it is a list with the given head.</summary>
    public SNode? TakeList(string head)
    {
        var p = Peek;
        if (p is not null && p.IsList(head)) { Position++; return p; }
        return null;
    }

    /// <summary>Consumes a string literal.</summary>
    public SNode String()
    {
        var n = Next();
        if (n.Kind != SKind.String) throw n.Error("unexpected token: expected a string");
        return n;
    }

    /// <summary>Malformed unless everything was consumed.</summary>
    public void ExpectEnd()
    {
        if (!AtEnd) throw _items[Position].Error("unexpected token");
    }

    /// <summary>An error located at the next item, or at the end of the owner.</summary>
    public TextParseException EndError() =>
        AtEnd ? (_owner ?? new SNode(SKind.List, 1, 1)).Error("unexpected token: unexpected end") : _items[Position].Error("unexpected token");
}
