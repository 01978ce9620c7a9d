namespace Djinn.Engine;

/// <summary>A function signature (https://webassembly.github.io/spec/core/syntax/types.html#function-types).</summary>
public sealed class FuncType : IEquatable<FuncType>
{
    /// <summary>Creates a signature.</summary>
    public FuncType(ValueKind[] parameters, ValueKind[] results)
    {
        Parameters = parameters;
        Results = results;
    }

    /// <summary>The parameter types.</summary>
    public IReadOnlyList<ValueKind> Parameters { get; }

    /// <summary>The result types.</summary>
    public IReadOnlyList<ValueKind> Results { get; }

    /// <inheritdoc/>
    public bool Equals(FuncType? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Parameters.Count != other.Parameters.Count || Results.Count != other.Results.Count) return false;
        for (int i = 0; i < Parameters.Count; i++) if (Parameters[i] != other.Parameters[i]) return false;
        for (int i = 0; i < Results.Count; i++) if (Results[i] != other.Results[i]) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FuncType);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Parameters) hash.Add(p);
        hash.Add(0xFF);
        foreach (var r in Results) hash.Add(r);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"[{string.Join(' ', Parameters.Select(p => p.ToText()))}] -> [{string.Join(' ', Results.Select(r => r.ToText()))}]";
}

/// <summary>Size limits of a memory (in 64 KiB pages) or a table (in elements).</summary>
public readonly record struct Limits(uint Min, uint? Max)
{
    /// <summary>Limits subtyping for imports (https://webassembly.github.io/spec/core/valid/types.html#limits).</summary>
    public bool IsSubtypeOf(Limits other) =>
        Min >= other.Min && (other.Max is null || (Max is not null && Max.Value <= other.Max.Value));
}

/// <summary>A table type: element reference type and limits.</summary>
public readonly record struct TableType(ValueKind ElementType, Limits Limits);

/// <summary>A memory type: limits in 64 KiB pages.</summary>
public readonly record struct MemoryType(Limits Limits);

/// <summary>A global type: value type and mutability.</summary>
public readonly record struct GlobalType(ValueKind ValueType, bool Mutable);
