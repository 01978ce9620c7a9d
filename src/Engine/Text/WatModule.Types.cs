namespace Djinn.Engine.Text;

// Types, type uses and limits (https://webassembly.github.io/spec/core/text/types.html).
internal sealed partial class WatModule
{
    /// <summary>Parses a value type keyword.</summary>
    public static ValueKind ValType(SNode node) => node.IsKeyword ? node.Text switch
    {
        "i32" => ValueKind.I32,
        "i64" => ValueKind.I64,
        "f32" => ValueKind.F32,
        "f64" => ValueKind.F64,
        "v128" => ValueKind.V128,
        "funcref" => ValueKind.FuncRef,
        "externref" => ValueKind.ExternRef,
        _ => throw node.Error("unexpected token: expected a value type"),
    } : throw node.Error("unexpected token: expected a value type");

    /// <summary>Parses a reference type keyword.</summary>
    public static ValueKind RefType(SNode node)
    {
        var t = node.Kind == SKind.Atom && node.Text is "funcref" or "externref" ? ValType(node) : throw node.Error("unexpected token: expected a reference type");
        return t;
    }

    /// <summary>Parses a heap type (<c>func</c> or <c>extern</c>) to its reference type.</summary>
    public static ValueKind HeapType(SNode node) => node.Kind == SKind.Atom ? node.Text switch
    {
        "func" => ValueKind.FuncRef,
        "extern" => ValueKind.ExternRef,
        _ => throw node.Error("unexpected token: expected a heap type"),
    } : throw node.Error("unexpected token: expected a heap type");

    /// <summary>
    /// Parses <c>(param ...)*</c> then <c>(result ...)*</c>. Parameter ids go to <paramref name="names"/> when given;
    /// otherwise ids are malformed unless <paramref name="allowIds"/>.
    /// </summary>
    public static (List<ValueKind> Params, List<ValueKind> Results, bool Any) ParamsResults(Cursor c, List<SNode?>? names, bool allowIds)
    {
        var ps = new List<ValueKind>();
        var rs = new List<ValueKind>();
        bool any = false;
        while (c.TakeList("param") is SNode p)
        {
            any = true;
            var pc = Cursor.After(p);
            if (pc.TakeId() is SNode id)
            {
                if (names is null && !allowIds) throw id.Error("unexpected token: parameter id not allowed here");
                ps.Add(ValType(pc.Next()));
                names?.Add(id);
                pc.ExpectEnd();
                continue;
            }
            while (!pc.AtEnd)
            {
                ps.Add(ValType(pc.Next()));
                names?.Add(null);
            }
        }
        while (c.TakeList("result") is SNode r)
        {
            any = true;
            var rc = Cursor.After(r);
            while (!rc.AtEnd) rs.Add(ValType(rc.Next()));
        }
        return (ps, rs, any);
    }

    /// <summary>
    /// Parses a type use (https://webassembly.github.io/spec/core/text/modules.html#type-uses): <c>(type x)?</c> with optional
    /// inline params/results that must match, or inline only (interning a type). Returns the type index.
    /// </summary>
    public uint TypeUse(Cursor c, List<SNode?>? names, bool allowIds = false)
    {
        var typeNode = c.TakeList("type");
        var (ps, rs, any) = ParamsResults(c, names, allowIds);
        if (typeNode is null) return (uint)InternType(ps.ToArray(), rs.ToArray());
        var tc = Cursor.After(typeNode);
        uint index = _typeIds.Resolve(tc.Next());
        tc.ExpectEnd();
        var existing = TypeAt(index);
        if (any)
        {
            if (existing is null) throw typeNode.Error("unknown type");
            if (existing is { } t && !(t.Params.AsSpan().SequenceEqual(ps.ToArray()) && t.Results.AsSpan().SequenceEqual(rs.ToArray())))
                throw typeNode.Error("inline function type does not match");
        }
        else if (names is not null && existing is { } t)
        {
            foreach (var _ in t.Params) names.Add(null);
        }
        return index;
    }

    /// <summary>Parses and encodes <c>min max?</c> limits (https://webassembly.github.io/spec/core/binary/types.html#limits).</summary>
    public static void Limits(Cursor c, ByteWriter w)
    {
        ulong min = Numbers.ParseUnsigned(c.Next(), 32);
        if (c.Peek is SNode p && p.IsNumber)
        {
            ulong max = Numbers.ParseUnsigned(c.Next(), 32);
            w.Byte(0x01);
            w.U32(min);
            w.U32(max);
        }
        else
        {
            w.Byte(0x00);
            w.U32(min);
        }
    }

    /// <summary>Parses and encodes a table type: limits then reference type.</summary>
    public static void TableType(Cursor c, ByteWriter w)
    {
        var limits = new ByteWriter();
        Limits(c, limits);
        w.Byte((byte)RefType(c.Next()));
        w.Bytes(limits.ToArray());
    }

    /// <summary>Parses and encodes a global type: <c>t</c> or <c>(mut t)</c>.</summary>
    public static void GlobalType(Cursor c, ByteWriter w)
    {
        var n = c.Next();
        if (n.IsList("mut"))
        {
            var mc = Cursor.After(n);
            w.Byte((byte)ValType(mc.Next()));
            mc.ExpectEnd();
            w.Byte(0x01);
        }
        else
        {
            w.Byte((byte)ValType(n));
            w.Byte(0x00);
        }
    }
}
