namespace Djinn.Engine.Text;

// Element and data segments (https://webassembly.github.io/spec/core/text/modules.html#element-segments,
// https://webassembly.github.io/spec/core/binary/modules.html#element-section).
internal sealed partial class WatModule
{
    private void EncodeElem(Cursor c)
    {
        c.TakeId();
        bool declare = c.TakeAtom("declare");
        bool active = !declare && c.Peek?.Kind == SKind.List;
        uint table = 0;
        var offset = new ByteWriter();
        if (active)
        {
            if (c.TakeList("table") is SNode t)
            {
                var tc = Cursor.After(t);
                table = _tableIds.Resolve(tc.Next());
                tc.ExpectEnd();
            }
            Offset(c, offset);
        }
        var items = new ByteWriter();
        bool exprs;
        var refType = ValueKind.FuncRef;
        int n;
        if (c.TakeAtom("func"))
        {
            exprs = false;
            n = FuncIndices(c, items);
        }
        else if (c.Peek is SNode p && p.Kind == SKind.Atom && p.Text is "funcref" or "externref")
        {
            refType = RefType(c.Next());
            exprs = true;
            n = ElemExprs(c, items);
        }
        else if (active)
        {
            exprs = false;
            n = FuncIndices(c, items);
        }
        else throw c.EndError();
        WriteElem(active, declare, table, offset, exprs, refType, n, items);
    }

    private void WriteElem(bool active, bool declare, uint table, ByteWriter offset, bool exprs, ValueKind refType, int n, ByteWriter items)
    {
        var w = _elems;
        _elemCount++;
        if (active)
        {
            bool short0 = table == 0 && (!exprs || refType == ValueKind.FuncRef);
            w.U32((ulong)((exprs ? 4 : 0) | (short0 ? 0 : 2)));
            if (!short0) w.U32(table);
            w.Bytes(offset.ToArray());
            if (!short0) w.Byte(exprs ? (byte)refType : (byte)0);
        }
        else
        {
            w.U32((ulong)((exprs ? 4 : 0) | (declare ? 3 : 1)));
            w.Byte(exprs ? (byte)refType : (byte)0);
        }
        w.U32((ulong)n);
        w.Bytes(items.ToArray());
    }

    // vec(funcidx) until the end of the list.
    private int FuncIndices(Cursor c, ByteWriter items)
    {
        int n = 0;
        while (!c.AtEnd)
        {
            var x = c.TakeIndex() ?? throw c.EndError();
            items.U32(_funcIds.Resolve(x));
            n++;
        }
        return n;
    }

    // vec(expr): (item instr*) or one folded instruction each.
    private int ElemExprs(Cursor c, ByteWriter items)
    {
        int n = 0;
        while (!c.AtEnd)
        {
            var e = c.Next();
            if (e.Kind != SKind.List) throw e.Error("unexpected token: expected an element expression");
            var encoder = new ExprEncoder(this, null, items);
            if (e.IsList("item")) encoder.Instructions(Cursor.After(e));
            else encoder.Folded(e);
            items.Byte(0x0B);
            n++;
        }
        return n;
    }

    // (offset instr*) or a single folded instruction, then end.
    private void Offset(Cursor c, ByteWriter w)
    {
        var o = c.Next();
        if (o.Kind != SKind.List) throw o.Error("unexpected token: expected an offset");
        var encoder = new ExprEncoder(this, null, w);
        if (o.IsList("offset")) encoder.Instructions(Cursor.After(o));
        else encoder.Folded(o);
        w.Byte(0x0B);
    }

    private void EncodeData(Cursor c)
    {
        c.TakeId();
        _dataCount++;
        if (c.Peek?.Kind != SKind.List)
        {
            _datas.Byte(0x01);
            _datas.Vec(Strings(c));
            return;
        }
        uint memory = 0;
        if (c.TakeList("memory") is SNode m)
        {
            var mc = Cursor.After(m);
            memory = _memoryIds.Resolve(mc.Next());
            mc.ExpectEnd();
        }
        var offset = new ByteWriter();
        Offset(c, offset);
        if (memory == 0) _datas.Byte(0x00);
        else { _datas.Byte(0x02); _datas.U32(memory); }
        _datas.Bytes(offset.ToArray());
        _datas.Vec(Strings(c));
    }
}
