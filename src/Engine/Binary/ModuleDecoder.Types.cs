using Djinn.Engine.Model;

namespace Djinn.Engine.Binary;

/// <content>Types and the type, import, function, table, memory, global and export sections.</content>
internal static partial class ModuleDecoder
{
    /// <summary>
    /// https://webassembly.github.io/spec/core/binary/types.html#value-types. As in the reference interpreter, bytes
    /// from 0x7C up are number types (all four are valid), 0x7B is v128 and everything else is read as a reference
    /// type, so unknown bytes report "malformed reference type". Types are single-byte signed LEBs: a set continuation bit
    /// means an over-long encoding.
    /// </summary>
    internal static ValueKind ReadValueType(ref WasmReader r)
    {
        int at = r.Position;
        byte b = r.ReadByte();
        if ((b & 0x80) != 0) DecoderThrowHelper.Throw(r.Position, "integer representation too long");
        return b switch
        {
            0x7F or 0x7E or 0x7D or 0x7C => (ValueKind)b,
            0x7B => ValueKind.V128,
            0x70 or 0x6F => (ValueKind)b,
            _ => throw DecoderThrowHelper.Create(at, "malformed reference type"),
        };
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/types.html#reference-types</summary>
    internal static ValueKind ReadReferenceType(ref WasmReader r)
    {
        int at = r.Position;
        byte b = r.ReadByte();
        if ((b & 0x80) != 0) DecoderThrowHelper.Throw(r.Position, "integer representation too long");
        if (b is 0x70 or 0x6F) return (ValueKind)b;
        throw DecoderThrowHelper.Create(at, "malformed reference type");
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/types.html#limits (the flag is a 1-bit LEB: 0 or 1).</summary>
    private static Limits ReadLimits(ref WasmReader r)
    {
        bool hasMax = r.ReadU1();
        uint min = r.ReadU32();
        return hasMax ? new Limits(min, r.ReadU32()) : new Limits(min, null);
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/types.html#table-types</summary>
    private static TableType ReadTableType(ref WasmReader r)
    {
        var element = ReadReferenceType(ref r);
        return new TableType(element, ReadLimits(ref r));
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/types.html#global-types</summary>
    private static GlobalType ReadGlobalType(ref WasmReader r)
    {
        var type = ReadValueType(ref r);
        int at = r.Position;
        return r.ReadByte() switch
        {
            0 => new GlobalType(type, false),
            1 => new GlobalType(type, true),
            _ => throw DecoderThrowHelper.Create(at, "malformed mutability"),
        };
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#type-section</summary>
    private static void ReadTypeSection(ref WasmReader r, ModuleDefinition module)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            byte form = r.ReadByte();
            if ((form & 0x80) != 0) DecoderThrowHelper.Throw(r.Position, "integer representation too long");
            if (form != 0x60) DecoderThrowHelper.Throw(at, "malformed function type");
            var parameters = ReadValueTypes(ref r);
            var results = ReadValueTypes(ref r);
            module.Types.Add(new FuncType(parameters, results));
        }
    }

    private static ValueKind[] ReadValueTypes(ref WasmReader r)
    {
        int count = r.ReadLength();
        if (count == 0) return Array.Empty<ValueKind>();
        var types = new ValueKind[count];
        for (int i = 0; i < count; i++) types[i] = ReadValueType(ref r);
        return types;
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#import-section</summary>
    private static void ReadImportSection(ref WasmReader r, ModuleDefinition module)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++)
        {
            string moduleName = r.ReadName();
            string name = r.ReadName();
            int at = r.Position;
            byte kind = r.ReadByte();
            Import import;
            switch (kind)
            {
                case 0:
                    import = new Import(moduleName, name, ExternKind.Function) { FunctionTypeIndex = r.ReadU32() };
                    module.ImportedFunctionCount++;
                    break;
                case 1:
                    import = new Import(moduleName, name, ExternKind.Table) { Table = ReadTableType(ref r) };
                    module.ImportedTableCount++;
                    break;
                case 2:
                    import = new Import(moduleName, name, ExternKind.Memory) { Memory = new MemoryType(ReadLimits(ref r)) };
                    module.ImportedMemoryCount++;
                    break;
                case 3:
                    import = new Import(moduleName, name, ExternKind.Global) { Global = ReadGlobalType(ref r) };
                    module.ImportedGlobalCount++;
                    break;
                default:
                    throw DecoderThrowHelper.Create(at, "malformed import kind");
            }
            module.Imports.Add(import);
        }
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#function-section</summary>
    private static void ReadFunctionSection(ref WasmReader r, ModuleDefinition module)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++) module.Functions.Add(r.ReadU32());
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#table-section</summary>
    private static void ReadTableSection(ref WasmReader r, ModuleDefinition module)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++) module.Tables.Add(ReadTableType(ref r));
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#memory-section</summary>
    private static void ReadMemorySection(ref WasmReader r, ModuleDefinition module)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++) module.Memories.Add(new MemoryType(ReadLimits(ref r)));
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#global-section</summary>
    private static void ReadGlobalSection(ref WasmReader r, ModuleDefinition module, DecodeState state)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++)
        {
            var type = ReadGlobalType(ref r);
            module.Globals.Add(new GlobalDefinition(type, ReadConstantExpression(ref r, state)));
        }
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#export-section</summary>
    private static void ReadExportSection(ref WasmReader r, ModuleDefinition module)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++)
        {
            string name = r.ReadName();
            int at = r.Position;
            byte kind = r.ReadByte();
            if (kind > 3) DecoderThrowHelper.Throw(at, "malformed export kind");
            module.Exports.Add(new Export(name, (ExternKind)kind, r.ReadU32()));
        }
    }
}
