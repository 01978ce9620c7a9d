namespace Djinn.Engine.Text;

/// <summary>
/// Builds the binary encoding of one text module (https://webassembly.github.io/spec/core/text/modules.html).
/// Pass 1 binds the ids of every index space and the explicit types; pass 2 encodes the fields in order,
/// appending implicit types (https://webassembly.github.io/spec/core/text/modules.html#abbreviations) after the explicit ones.
/// </summary>
internal sealed partial class WatModule
{
    private readonly List<(ValueKind[] Params, ValueKind[] Results)> _types = [];
    private readonly IdSpace _typeIds = new("type", "type");
    private readonly IdSpace _funcIds = new("function", "func");
    private readonly IdSpace _tableIds = new("table", "table");
    private readonly IdSpace _memoryIds = new("memory", "memory");
    private readonly IdSpace _globalIds = new("global", "global");
    private readonly IdSpace _elemIds = new("elem segment", "elem");
    private readonly IdSpace _dataIds = new("data segment", "data");

    private readonly ByteWriter _imports = new();
    private readonly ByteWriter _functions = new();
    private readonly ByteWriter _tables = new();
    private readonly ByteWriter _memories = new();
    private readonly ByteWriter _globals = new();
    private readonly ByteWriter _exports = new();
    private readonly ByteWriter _elems = new();
    private readonly ByteWriter _codes = new();
    private readonly ByteWriter _datas = new();
    private int _importCount, _functionCount, _tableCount, _memoryCount, _globalCount, _exportCount, _elemCount, _codeCount, _dataCount;
    private int _nextFunc, _nextTable, _nextMemory, _nextGlobal;
    private uint? _start;
    private bool _usesDataCount;

    /// <summary>The function index space (for expressions).</summary>
    public IdSpace Funcs => _funcIds;

    /// <summary>The table index space.</summary>
    public IdSpace Tables => _tableIds;

    /// <summary>The memory index space.</summary>
    public IdSpace Memories => _memoryIds;

    /// <summary>The global index space.</summary>
    public IdSpace Globals => _globalIds;

    /// <summary>The element segment index space.</summary>
    public IdSpace Elems => _elemIds;

    /// <summary>The data segment index space.</summary>
    public IdSpace Datas => _dataIds;

    /// <summary>The type index space.</summary>
    public IdSpace TypeIds => _typeIds;

    /// <summary>Notes that the code uses data indices, which requires the data count section.</summary>
    public void UseDataCount() => _usesDataCount = true;

    /// <summary>Encodes the module whose fields are <paramref name="fields"/>.</summary>
    public static byte[] Encode(List<SNode> fields)
    {
        var module = new WatModule();
        foreach (var field in fields)
        {
            if (field.Kind != SKind.List || field.Head is null) throw field.Error("unexpected token: expected a module field");
        }
        module.BindIds(fields);
        foreach (var field in fields) module.EncodeField(field);
        return module.Build();
    }

    /// <summary>Parameter and result count of type <paramref name="index"/>, if it exists.</summary>
    public (ValueKind[] Params, ValueKind[] Results)? TypeAt(uint index) => index < _types.Count ? _types[(int)index] : null;

    /// <summary>The index of a type equal to the signature, appending one when none exists.</summary>
    public int InternType(ValueKind[] parameters, ValueKind[] results)
    {
        for (int i = 0; i < _types.Count; i++)
        {
            if (_types[i].Params.AsSpan().SequenceEqual(parameters) && _types[i].Results.AsSpan().SequenceEqual(results)) return i;
        }
        _types.Add((parameters, results));
        return _types.Count - 1;
    }

    // https://webassembly.github.io/spec/core/binary/modules.html#binary-module
    private byte[] Build()
    {
        var w = new ByteWriter();
        w.Bytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        if (_types.Count > 0)
        {
            var types = new ByteWriter();
            types.U32((ulong)_types.Count);
            foreach (var (p, r) in _types)
            {
                types.Byte(0x60);
                types.U32((ulong)p.Length);
                foreach (var t in p) types.Byte((byte)t);
                types.U32((ulong)r.Length);
                foreach (var t in r) types.Byte((byte)t);
            }
            Section(w, 1, types.ToArray());
        }
        Section(w, 2, _importCount, _imports);
        Section(w, 3, _functionCount, _functions);
        Section(w, 4, _tableCount, _tables);
        Section(w, 5, _memoryCount, _memories);
        Section(w, 6, _globalCount, _globals);
        Section(w, 7, _exportCount, _exports);
        if (_start is uint start)
        {
            var s = new ByteWriter();
            s.U32(start);
            Section(w, 8, s.ToArray());
        }
        Section(w, 9, _elemCount, _elems);
        if (_usesDataCount)
        {
            var dc = new ByteWriter();
            dc.U32((ulong)_dataCount);
            Section(w, 12, dc.ToArray());
        }
        Section(w, 10, _codeCount, _codes);
        Section(w, 11, _dataCount, _datas);
        return w.ToArray();
    }

    private static void Section(ByteWriter w, byte id, int count, ByteWriter body)
    {
        if (count == 0) return;
        var content = new ByteWriter();
        content.U32((ulong)count);
        content.Bytes(body.ToArray());
        Section(w, id, content.ToArray());
    }

    private static void Section(ByteWriter w, byte id, byte[] content)
    {
        w.Byte(id);
        w.Vec(content);
    }
}
