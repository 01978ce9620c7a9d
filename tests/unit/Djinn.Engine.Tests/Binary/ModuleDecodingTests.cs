using Djinn.Engine.Binary;
using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Binary.WasmBytes;

namespace Djinn.Engine.Tests.Binary;

/// <summary>Valid modules decode into the expected <see cref="ModuleDefinition"/>.</summary>
public sealed class ModuleDecodingTests
{
    private static readonly byte[] _firstBodyCode = B(0x20, 0x00, 0x1A, 0x43, 0x00, 0x00, 0x80, 0x3F, 0x1A);

    /// <summary>A module with every section kind, custom sections before and after.</summary>
    private static byte[] EverySection() => Module()
        .Section(0, Name("first"), B(1, 2, 3))
        .VectorSection(1, B(0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D), B(0x60, 0x00, 0x00))
        .VectorSection(2,
            Concat(Name("env"), Name("f"), B(0x00, 0x01)),
            Concat(Name("env"), Name("t"), B(0x01, 0x70, 0x01, 0x01, 0x0A)),
            Concat(Name("env"), Name("m"), B(0x02, 0x00, 0x01)),
            Concat(Name("env"), Name("g"), B(0x03, 0x7F, 0x01)))
        .VectorSection(3, B(0x00), B(0x01))
        .VectorSection(4, B(0x6F, 0x00, 0x00))
        .VectorSection(5, B(0x01, 0x02, 0x03))
        .VectorSection(6,
            B(0x7C, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x0B),
            B(0x7F, 0x01, 0x23, 0x00, 0x0B))
        .VectorSection(7,
            Concat(Name("run"), B(0x00, 0x02)),
            Concat(Name("mem"), B(0x02, 0x00)),
            Concat(Name("tab"), B(0x01, 0x01)),
            Concat(Name("glob"), B(0x03, 0x01)))
        .Section(8, B(0x02))
        .VectorSection(9,
            B(0x00, 0x41, 0x00, 0x0B, 0x02, 0x00, 0x02),
            B(0x01, 0x00, 0x01, 0x01),
            B(0x02, 0x00, 0x41, 0x01, 0x0B, 0x00, 0x01, 0x02),
            B(0x03, 0x00, 0x01, 0x00),
            B(0x04, 0x41, 0x02, 0x0B, 0x02, 0xD2, 0x01, 0x0B, 0xD0, 0x70, 0x0B),
            B(0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B),
            B(0x06, 0x01, 0x41, 0x00, 0x0B, 0x6F, 0x01, 0xD0, 0x6F, 0x0B),
            B(0x07, 0x70, 0x01, 0xD2, 0x00, 0x0B))
        .Section(12, B(0x03))
        .VectorSection(10,
            Body(Vec(B(0x02, 0x7F), B(0x01, 0x7C)), _firstBodyCode),
            Body(Array.Empty<byte>(), B(0x01)))
        .VectorSection(11,
            Concat(B(0x00, 0x41, 0x08, 0x0B), Name("hi")),
            Concat(B(0x01), Name("xyz")),
            Concat(B(0x02, 0x00, 0x41, 0x00, 0x0B), B(0x00)))
        .Section(0, Name("last"), B(0xFF))
        .Build();

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    [Fact]
    public void Empty_module_decodes_to_an_empty_definition()
    {
        var m = ModuleDecoder.Decode(Module().Build());
        Assert.Empty(m.Types);
        Assert.Empty(m.Bodies);
        Assert.Null(m.StartFunction);
        Assert.Null(m.DataCount);
    }

    [Fact]
    public void Types_imports_and_import_counts_are_decoded()
    {
        var m = ModuleDecoder.Decode(EverySection());
        Assert.Equal(2, m.Types.Count);
        Assert.Equal(new FuncType(new[] { ValueKind.I32, ValueKind.I64 }, new[] { ValueKind.F32 }), m.Types[0]);
        Assert.Equal(new FuncType(Array.Empty<ValueKind>(), Array.Empty<ValueKind>()), m.Types[1]);

        Assert.Equal(4, m.Imports.Count);
        Assert.Equal(new Import("env", "f", ExternKind.Function) { FunctionTypeIndex = 1 }, m.Imports[0]);
        Assert.Equal(new TableType(ValueKind.FuncRef, new Limits(1, 10)), m.Imports[1].Table);
        Assert.Equal(new MemoryType(new Limits(1, null)), m.Imports[2].Memory);
        Assert.Equal(new GlobalType(ValueKind.I32, true), m.Imports[3].Global);
        Assert.Equal((1, 1, 1, 1), (m.ImportedFunctionCount, m.ImportedTableCount, m.ImportedMemoryCount, m.ImportedGlobalCount));
    }

    [Fact]
    public void Functions_tables_memories_globals_exports_and_start_are_decoded()
    {
        var m = ModuleDecoder.Decode(EverySection());
        Assert.Equal(new uint[] { 0, 1 }, m.Functions);
        Assert.Equal(new TableType(ValueKind.ExternRef, new Limits(0, null)), Assert.Single(m.Tables));
        Assert.Equal(new MemoryType(new Limits(2, 3)), Assert.Single(m.Memories));

        Assert.Equal(2, m.Globals.Count);
        Assert.Equal(new GlobalType(ValueKind.F64, false), m.Globals[0].Type);
        Assert.Equal(Opcode.F64Const, m.Globals[0].Init[0].Opcode);
        Assert.Equal(BitConverter.DoubleToUInt64Bits(1.5), m.Globals[0].Init[0].C);
        Assert.Equal(Opcode.End, m.Globals[0].Init[^1].Opcode);
        Assert.Equal(new GlobalType(ValueKind.I32, true), m.Globals[1].Type);
        Assert.Equal(Opcode.GlobalGet, m.Globals[1].Init[0].Opcode);

        Assert.Equal(
            new[] { new Export("run", ExternKind.Function, 2), new Export("mem", ExternKind.Memory, 0), new Export("tab", ExternKind.Table, 1), new Export("glob", ExternKind.Global, 1) },
            m.Exports);
        Assert.Equal(2u, m.StartFunction);
    }

    [Fact]
    public void All_eight_element_segment_encodings_are_normalized()
    {
        var bytes = EverySection();
        var m = ModuleDecoder.Decode(bytes);
        Assert.Equal(8, m.Elements.Count);
        var e = m.Elements;

        Assert.Equal((SegmentMode.Active, ValueKind.FuncRef, 0u), (e[0].Mode, e[0].ElementType, e[0].TableIndex));
        Assert.Equal(Opcode.I32Const, e[0].Offset![0].Opcode);
        Assert.Equal(2, e[0].Items.Length);
        Assert.Equal(new[] { Opcode.RefFunc, Opcode.End }, new[] { e[0].Items[1][0].Opcode, e[0].Items[1][1].Opcode });
        Assert.Equal(2u, e[0].Items[1][0].A);

        Assert.Equal((SegmentMode.Passive, ValueKind.FuncRef), (e[1].Mode, e[1].ElementType));
        Assert.Null(e[1].Offset);
        Assert.Equal(1u, e[1].Items[0][0].A);

        Assert.Equal((SegmentMode.Active, 0u, 1u), (e[2].Mode, e[2].TableIndex, e[2].Offset![0].A));
        Assert.Equal((SegmentMode.Declarative, 0u), (e[3].Mode, e[3].Items[0][0].A));

        Assert.Equal(SegmentMode.Active, e[4].Mode);
        Assert.Equal(ValueKind.FuncRef, e[4].ElementType);
        Assert.Equal(Opcode.RefFunc, e[4].Items[0][0].Opcode);
        Assert.Equal((Opcode.RefNull, (uint)ValueKind.FuncRef), (e[4].Items[1][0].Opcode, e[4].Items[1][0].A));

        Assert.Equal((SegmentMode.Passive, ValueKind.ExternRef), (e[5].Mode, e[5].ElementType));
        Assert.Equal((SegmentMode.Active, ValueKind.ExternRef, 1u), (e[6].Mode, e[6].ElementType, e[6].TableIndex));
        Assert.Equal((SegmentMode.Declarative, ValueKind.FuncRef), (e[7].Mode, e[7].ElementType));

        Assert.Equal(IndexOf(bytes, B(0x00, 0x41, 0x00, 0x0B, 0x02, 0x00, 0x02)), e[0].ByteOffset);
    }

    [Fact]
    public void Code_bodies_have_local_runs_instructions_and_offsets()
    {
        var bytes = EverySection();
        var m = ModuleDecoder.Decode(bytes);
        Assert.Equal(2, m.Bodies.Count);
        var body = m.Bodies[0];
        Assert.Equal(new[] { new LocalRun(2, ValueKind.I32), new LocalRun(1, ValueKind.F64) }, body.Locals);
        Assert.Equal(3, body.LocalCount);

        int codeAt = IndexOf(bytes, _firstBodyCode);
        Assert.Equal(codeAt - 5, body.ByteOffset);
        Assert.Equal(
            new[] { Opcode.LocalGet, Opcode.Drop, Opcode.F32Const, Opcode.Drop, Opcode.End },
            Array.ConvertAll(body.Code, i => i.Opcode));
        Assert.Equal(new[] { codeAt, codeAt + 2, codeAt + 3, codeAt + 8, codeAt + 9 }, Array.ConvertAll(body.Code, i => i.Offset));
        Assert.Equal(BitConverter.SingleToUInt32Bits(1.0f), body.Code[2].A);

        Assert.Empty(m.Bodies[1].Locals);
        Assert.Equal(new[] { Opcode.Nop, Opcode.End }, Array.ConvertAll(m.Bodies[1].Code, i => i.Opcode));
    }

    [Fact]
    public void Data_segments_data_count_and_custom_sections_are_decoded()
    {
        var bytes = EverySection();
        var m = ModuleDecoder.Decode(bytes);
        Assert.Equal(3u, m.DataCount);
        Assert.Equal(3, m.Data.Count);
        Assert.Equal((SegmentMode.Active, 0u), (m.Data[0].Mode, m.Data[0].MemoryIndex));
        Assert.Equal(8u, m.Data[0].Offset![0].A);
        Assert.Equal("hi"u8.ToArray(), m.Data[0].Bytes);
        Assert.Equal((SegmentMode.Passive, "xyz"), (m.Data[1].Mode, System.Text.Encoding.ASCII.GetString(m.Data[1].Bytes)));
        Assert.Null(m.Data[1].Offset);
        Assert.Equal(SegmentMode.Active, m.Data[2].Mode);
        Assert.Empty(m.Data[2].Bytes);
        Assert.Equal(IndexOf(bytes, Concat(B(0x00, 0x41, 0x08, 0x0B), Name("hi"))), m.Data[0].ByteOffset);

        Assert.Equal(2, m.CustomSections.Count);
        Assert.Equal("first", m.CustomSections[0].Name);
        Assert.Equal(B(1, 2, 3), m.CustomSections[0].Payload);
        Assert.Equal("last", m.CustomSections[1].Name);
        Assert.Equal(B(0xFF), m.CustomSections[1].Payload);
    }

    [Fact]
    public void Custom_sections_may_appear_between_any_sections_and_have_empty_payloads()
    {
        var bytes = Module()
            .Section(0, Name("a"))
            .VectorSection(1, B(0x60, 0x00, 0x00))
            .Section(0, Name("\u00e9\u4e2d"))
            .VectorSection(3, B(0x00))
            .Section(0, Name(""))
            .Code(B(0x01))
            .Build();
        var m = ModuleDecoder.Decode(bytes);
        Assert.Equal(new[] { "a", "\u00e9\u4e2d", "" }, m.CustomSections.ConvertAll(c => c.Name));
        Assert.All(m.CustomSections, c => Assert.Empty(c.Payload));
    }

    [Fact]
    public void Zero_counts_and_absent_optional_sections_are_accepted()
    {
        var m = ModuleDecoder.Decode(Module().Section(3, B(0x00)).Section(12, B(0x00)).Section(10, B(0x00)).Build());
        Assert.Empty(m.Functions);
        Assert.Equal(0u, m.DataCount);
    }

    [Fact]
    public void V128_value_type_decodes_in_signatures_locals_and_block_types()
    {
        var m = ModuleDecoder.Decode(Module()
            .VectorSection(1, B(0x60, 0x01, 0x7B, 0x00))
            .VectorSection(3, B(0x00))
            .VectorSection(10, Body(Vec(B(0x01, 0x7B)), B(0x02, 0x7B, 0x00, 0x0B, 0x1A)))
            .Build());
        Assert.Equal(ValueKind.V128, m.Types[0].Parameters[0]);
        Assert.Equal(ValueKind.V128, m.Bodies[0].Locals[0].Type);
        Assert.Equal((uint)ValueKind.V128, m.Bodies[0].Code[0].A);
    }

    [Fact]
    public void Constant_expressions_are_decoded_without_checking_constness()
    {
        var m = ModuleDecoder.Decode(Module().VectorSection(6, B(0x7F, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B)).Build());
        Assert.Equal(new[] { Opcode.I32Const, Opcode.I32Const, Opcode.I32Add, Opcode.End }, Array.ConvertAll(m.Globals[0].Init, i => i.Opcode));
    }
}
