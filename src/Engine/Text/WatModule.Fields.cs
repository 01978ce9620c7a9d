namespace Djinn.Engine.Text;

// Module fields (https://webassembly.github.io/spec/core/text/modules.html).
internal sealed partial class WatModule
{
    // Pass 1: ids of every index space, explicit types, and the rule that imports precede definitions.
    private void BindIds(List<SNode> fields)
    {
        string? firstDefinition = null;
        foreach (var field in fields)
        {
            var c = Cursor.After(field);
            switch (field.Head)
            {
                case "type":
                {
                    _typeIds.Define(c.TakeId());
                    var f = c.Next();
                    if (!f.IsList("func")) throw f.Error("unexpected token: expected (func ...)");
                    var fc = Cursor.After(f);
                    var (ps, rs, _) = ParamsResults(fc, null, allowIds: true);
                    fc.ExpectEnd();
                    c.ExpectEnd();
                    _types.Add((ps.ToArray(), rs.ToArray()));
                    break;
                }
                case "import":
                {
                    c.String();
                    c.String();
                    var desc = c.Next();
                    var space = desc.Kind == SKind.List ? SpaceOf(desc.Head) : null;
                    if (space is null) throw desc.Error("unexpected token: expected an import description");
                    space.Define(Cursor.After(desc).TakeId());
                    if (firstDefinition is not null) throw field.Error($"import after {firstDefinition}");
                    break;
                }
                case "func" or "table" or "memory" or "global":
                {
                    SpaceOf(field.Head)!.Define(c.TakeId());
                    while (c.TakeList("export") is not null) { }
                    if (c.TakeList("import") is not null)
                    {
                        if (firstDefinition is not null) throw field.Error($"import after {firstDefinition}");
                        break;
                    }
                    firstDefinition ??= field.Head == "func" ? "function" : field.Head;
                    if (field.Head == "table" && c.Peek is SNode t && t.Kind == SKind.Atom && c.Position + 1 < field.Items.Count && field.Items[c.Position + 1].IsList("elem"))
                        _elemIds.Define(null);
                    if (field.Head == "memory" && c.Peek?.IsList("data") == true) _dataIds.Define(null);
                    break;
                }
                case "elem": _elemIds.Define(c.TakeId()); break;
                case "data": _dataIds.Define(c.TakeId()); break;
                case "export" or "start": break;
                default: throw field.Error($"unexpected token: unknown module field {field.Head}");
            }
        }
    }

    private IdSpace? SpaceOf(string? kind) => kind switch
    {
        "func" => _funcIds,
        "table" => _tableIds,
        "memory" => _memoryIds,
        "global" => _globalIds,
        _ => null,
    };

    // Pass 2: encodes one field.
    private void EncodeField(SNode field)
    {
        var c = Cursor.After(field);
        switch (field.Head)
        {
            case "type": break;
            case "import": EncodeImport(c); break;
            case "func": EncodeFunc(c); break;
            case "table": EncodeTable(c); break;
            case "memory": EncodeMemory(c); break;
            case "global": EncodeGlobal(c); break;
            case "export":
            {
                var name = c.String();
                var desc = c.Next();
                c.ExpectEnd();
                var space = desc.Kind == SKind.List ? SpaceOf(desc.Head) : null;
                if (space is null) throw desc.Error("unexpected token: expected an export description");
                var dc = Cursor.After(desc);
                uint index = space.Resolve(dc.Next());
                dc.ExpectEnd();
                AddExport(name, ExternKind(desc.Head!), index);
                break;
            }
            case "start":
            {
                var x = c.Next();
                c.ExpectEnd();
                if (_start is not null) throw x.Error("multiple start sections");
                _start = _funcIds.Resolve(x);
                break;
            }
            case "elem": EncodeElem(c); break;
            case "data": EncodeData(c); break;
        }
    }

    private static byte ExternKind(string head) => head switch { "func" => 0, "table" => 1, "memory" => 2, _ => 3 };

    private void AddExport(SNode name, byte kind, uint index)
    {
        name.Utf8();
        _exports.Vec(name.Bytes);
        _exports.Byte(kind);
        _exports.U32(index);
        _exportCount++;
    }

    private void ImportHeader(SNode module, SNode name, byte kind)
    {
        module.Utf8();
        name.Utf8();
        _imports.Vec(module.Bytes);
        _imports.Vec(name.Bytes);
        _imports.Byte(kind);
        _importCount++;
    }

    private void EncodeImport(Cursor c)
    {
        var module = c.String();
        var name = c.String();
        var desc = c.Next();
        c.ExpectEnd();
        var dc = Cursor.After(desc);
        dc.TakeId();
        ImportHeader(module, name, ExternKind(desc.Head!));
        switch (desc.Head)
        {
            case "func": _imports.U32(TypeUse(dc, null, allowIds: true)); _nextFunc++; break;
            case "table": TableType(dc, _imports); _nextTable++; break;
            case "memory": Limits(dc, _imports); _nextMemory++; break;
            default: GlobalType(dc, _imports); _nextGlobal++; break;
        }
        dc.ExpectEnd();
    }

    // Inline exports and an optional inline import shared by func, table, memory and global fields.
    private bool InlineExportsAndImport(Cursor c, byte kind, uint index)
    {
        c.TakeId();
        while (c.TakeList("export") is SNode e)
        {
            var ec = Cursor.After(e);
            var name = ec.String();
            ec.ExpectEnd();
            AddExport(name, kind, index);
        }
        if (c.TakeList("import") is not SNode imp) return false;
        var ic = Cursor.After(imp);
        var module = ic.String();
        var field = ic.String();
        ic.ExpectEnd();
        ImportHeader(module, field, kind);
        return true;
    }

    private void EncodeFunc(Cursor c)
    {
        uint index = (uint)_nextFunc++;
        if (InlineExportsAndImport(c, 0, index))
        {
            _imports.U32(TypeUse(c, null, allowIds: true));
            c.ExpectEnd();
            return;
        }
        var names = new List<SNode?>();
        _functions.U32(TypeUse(c, names, allowIds: true));
        _functionCount++;
        var locals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] is SNode n && !locals.TryAdd(n.Text, i)) throw n.Error("duplicate local");
        }
        int count = names.Count;
        var localTypes = new List<ValueKind>();
        while (c.TakeList("local") is SNode l)
        {
            var lc = Cursor.After(l);
            if (lc.TakeId() is SNode id)
            {
                if (!locals.TryAdd(id.Text, count)) throw id.Error("duplicate local");
                localTypes.Add(ValType(lc.Next()));
                count++;
                lc.ExpectEnd();
                continue;
            }
            while (!lc.AtEnd) { localTypes.Add(ValType(lc.Next())); count++; }
        }
        var body = new ByteWriter();
        var groups = new List<(int Count, ValueKind Type)>();
        foreach (var t in localTypes)
        {
            if (groups.Count > 0 && groups[^1].Type == t) groups[^1] = (groups[^1].Count + 1, t);
            else groups.Add((1, t));
        }
        body.U32((ulong)groups.Count);
        foreach (var (n, t) in groups) { body.U32((ulong)n); body.Byte((byte)t); }
        var encoder = new ExprEncoder(this, locals, body);
        encoder.Instructions(c);
        body.Byte(0x0B);
        _codes.Vec(body.ToArray());
        _codeCount++;
    }

    private void EncodeTable(Cursor c)
    {
        uint index = (uint)_nextTable++;
        if (InlineExportsAndImport(c, 1, index))
        {
            TableType(c, _imports);
            c.ExpectEnd();
            return;
        }
        _tableCount++;
        if (c.Peek is SNode t && t.Kind == SKind.Atom && !t.IsNumber)
        {
            var refType = RefType(c.Next());
            var elem = c.TakeList("elem") ?? throw c.EndError();
            c.ExpectEnd();
            var ec = Cursor.After(elem);
            var items = new ByteWriter();
            int n;
            bool exprs = ec.Peek?.Kind == SKind.List;
            n = exprs ? ElemExprs(ec, items) : FuncIndices(ec, items);
            _tables.Byte((byte)refType);
            _tables.Byte(0x01);
            _tables.U32((ulong)n);
            _tables.U32((ulong)n);
            var offset = new ByteWriter();
            offset.Bytes([0x41, 0x00, 0x0B]);
            WriteElem(active: true, declare: false, index, offset, exprs, refType, n, items);
            return;
        }
        TableType(c, _tables);
        c.ExpectEnd();
    }

    private void EncodeMemory(Cursor c)
    {
        uint index = (uint)_nextMemory++;
        if (InlineExportsAndImport(c, 2, index))
        {
            Limits(c, _imports);
            c.ExpectEnd();
            return;
        }
        _memoryCount++;
        if (c.TakeList("data") is SNode data)
        {
            c.ExpectEnd();
            var bytes = Strings(Cursor.After(data));
            ulong pages = ((ulong)bytes.Length + 65535) / 65536;
            _memories.Byte(0x01);
            _memories.U32(pages);
            _memories.U32(pages);
            _datas.Byte(index == 0 ? (byte)0 : (byte)2);
            if (index != 0) _datas.U32(index);
            _datas.Bytes([0x41, 0x00, 0x0B]);
            _datas.Vec(bytes);
            _dataCount++;
            return;
        }
        Limits(c, _memories);
        c.ExpectEnd();
    }

    private void EncodeGlobal(Cursor c)
    {
        uint index = (uint)_nextGlobal++;
        if (InlineExportsAndImport(c, 3, index))
        {
            GlobalType(c, _imports);
            c.ExpectEnd();
            return;
        }
        _globalCount++;
        GlobalType(c, _globals);
        new ExprEncoder(this, null, _globals).Instructions(c);
        _globals.Byte(0x0B);
    }

    private static byte[] Strings(Cursor c)
    {
        var bytes = new List<byte>();
        while (!c.AtEnd) bytes.AddRange(c.String().Bytes);
        return bytes.ToArray();
    }
}
