namespace Djinn.Engine;

/// <summary>
/// A table of references (https://webassembly.github.io/spec/core/exec/runtime.html#table-instances).
/// Elements of a funcref table are <see cref="Function"/> objects; externref elements are any host object. Null is the null reference.
/// </summary>
public sealed class Table
{
    /// <summary>Hard cap on elements, to bound host memory.</summary>
    public const uint MaxElementsSupported = 10_000_000;

    /// <summary>The elements. Read by compiled code; replaced on grow.</summary>
    internal object?[] Elements;

    /// <summary>Creates a table of <paramref name="minimum"/> elements, each set to <paramref name="initial"/>.</summary>
    public Table(Store store, ValueKind elementType, object? initial, uint minimum, uint? maximum = null)
        : this(new TableType(elementType, new Limits(minimum, maximum)), initial)
    {
        _ = store;
    }

    internal Table(TableType type, object? initial)
    {
        if (!type.ElementType.IsReference()) throw new ArgumentException("table elements must be funcref or externref");
        if (type.Limits.Min > MaxElementsSupported) throw new LinkException($"table of {type.Limits.Min} elements exceeds the limit of {MaxElementsSupported}");
        Type = type;
        Elements = new object?[type.Limits.Min];
        if (initial is not null) Array.Fill(Elements, initial);
    }

    /// <summary>The declared type.</summary>
    public TableType Type { get; }

    /// <summary>The element type.</summary>
    public ValueKind ElementType => Type.ElementType;

    /// <summary>Current size in elements.</summary>
    public uint Size => (uint)Elements.Length;

    /// <summary>Reads an element; traps when out of bounds.</summary>
    public object? GetElement(uint index) =>
        index < (uint)Elements.Length ? Elements[index] : throw new TrapException(TrapCode.TableOutOfBounds);

    /// <summary>Writes an element; traps when out of bounds.</summary>
    public void SetElement(uint index, object? value)
    {
        if (index >= (uint)Elements.Length) throw new TrapException(TrapCode.TableOutOfBounds);
        Elements[index] = value;
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initial"/>; returns the old size or -1.</summary>
    public int Grow(uint delta, object? initial)
    {
        uint old = Size;
        ulong wanted = (ulong)old + delta;
        uint max = Math.Min(Type.Limits.Max ?? uint.MaxValue, MaxElementsSupported);
        if (wanted > max) return -1;
        if (delta == 0) return (int)old;
        var grown = new object?[wanted];
        Array.Copy(Elements, grown, Elements.Length);
        if (initial is not null) Array.Fill(grown, initial, (int)old, (int)delta);
        Elements = grown;
        return (int)old;
    }
}
