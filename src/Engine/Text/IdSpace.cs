namespace Djinn.Engine.Text;

/// <summary>One index space with its symbolic ids (https://webassembly.github.io/spec/core/text/modules.html#indices).</summary>
internal sealed class IdSpace
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly string _kind;
    private readonly string _keyword;

    /// <summary>
    /// Creates an index space named <paramref name="kind"/> in "unknown" messages ("function", "type", ...)
    /// and <paramref name="keyword"/> in "duplicate" messages ("func", "type", ...).
    /// </summary>
    public IdSpace(string kind, string keyword)
    {
        _kind = kind;
        _keyword = keyword;
    }

    /// <summary>Number of entries defined so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the next entry, binding <paramref name="id"/> if present; malformed on duplicates.</summary>
    public int Define(SNode? id)
    {
        if (id is not null && !_ids.TryAdd(id.Text, Count)) throw id.Error($"duplicate {_keyword}");
        return Count++;
    }

    /// <summary>Resolves an id or a u32 index.</summary>
    public uint Resolve(SNode node)
    {
        if (node.IsId)
        {
            if (!_ids.TryGetValue(node.Text, out int index)) throw node.Error($"unknown {_kind} {node.Text}");
            return (uint)index;
        }
        return (uint)Numbers.ParseUnsigned(node, 32);
    }
}
