using Djinn.Engine.Binary;
using Xunit;
using static Djinn.Engine.Tests.Binary.WasmBytes;

namespace Djinn.Engine.Tests.Binary;

/// <summary>Every malformed category reports <see cref="ModuleParseException"/> with the spec wording and an offset.</summary>
public sealed class MalformedModuleTests
{
    private static ModuleParseException Fails(byte[] bytes) => Assert.Throws<ModuleParseException>(() => ModuleDecoder.Decode(bytes));

    private static void FailsWith(string cause, byte[] bytes) => Assert.StartsWith(cause, Fails(bytes).Cause);

    [Fact]
    public void Truncated_module_reports_unexpected_end_with_offset()
    {
        var e = Fails(B(0x00, 0x61, 0x73));
        Assert.Equal("unexpected end", e.Cause);
        Assert.Equal(3, e.Offset);
        var cut = Fails(Module().VoidFunctions(1).Raw(0x0A).Build());
        Assert.StartsWith("unexpected end", cut.Cause);
        Assert.Equal(19, cut.Offset);
        var full = Module().VoidFunctions(1).Code(B(0x01)).Build();
        var inside = Fails(full[..^2]);
        Assert.Equal(("length out of bounds", 19), (inside.Cause, inside.Offset));
    }

    [Fact]
    public void Bad_magic_and_version_are_reported()
    {
        FailsWith("magic header not detected", B(0x00, 0x41, 0x53, 0x4D, 0x01, 0x00, 0x00, 0x00));
        FailsWith("unexpected end", B(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00));
        var e = Fails(B(0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00));
        Assert.Equal(("unknown binary version", 4), (e.Cause, e.Offset));
    }

    [Fact]
    public void Unknown_section_id_is_malformed()
    {
        var e = Fails(Module().Raw(0x0D, 0x00).Build());
        Assert.Equal(("malformed section id", 8), (e.Cause, e.Offset));
    }

    [Fact]
    public void Sections_out_of_order_or_repeated_are_content_after_last_section()
    {
        FailsWith("unexpected content after last section", Module().Section(3, B(0x00)).Section(1, B(0x00)).Build());
        FailsWith("unexpected content after last section", Module().Section(6, B(0x00)).Section(6, B(0x00)).Build());
        FailsWith("unexpected content after last section", Module().Section(10, B(0x00)).Section(12, B(0x00)).Build());
        ModuleDecoder.Decode(Module().Section(9, B(0x00)).Section(12, B(0x00)).Section(10, B(0x00)).Section(11, B(0x00)).Build());
    }

    [Fact]
    public void Section_that_consumes_less_or_more_than_its_size_is_a_size_mismatch()
    {
        var e = Fails(Module().Section(1, B(0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00)).Build());
        Assert.Equal(("section size mismatch", 10), (e.Cause, e.Offset));
        FailsWith("section size mismatch", Module().Raw(0x08, 0x01, 0x80, 0x00).Build());
    }

    [Fact]
    public void Lengths_beyond_the_module_are_out_of_bounds()
    {
        FailsWith("length out of bounds", Module().Raw(0x01, 0x10, 0x00).Build());
        FailsWith("length out of bounds", Module().Raw(0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F).Build());
        FailsWith("length out of bounds", Module().Section(0, B(0x20, 0x61)).Build());
    }

    [Fact]
    public void Invalid_utf8_names_are_malformed()
    {
        FailsWith("malformed UTF-8 encoding", Module().Section(0, B(0x02, 0xC0, 0x80)).Build());
        FailsWith("malformed UTF-8 encoding", Module().Section(0, B(0x03, 0xED, 0xA0, 0x80)).Build());
        FailsWith("malformed UTF-8 encoding", Module().VectorSection(2, Concat(B(0x01, 0xFF), Name("x"), B(0x00, 0x00))).Build());
        FailsWith("malformed UTF-8 encoding", Module().VectorSection(7, Concat(B(0x04, 0xF4, 0x90, 0x80, 0x80), B(0x00, 0x00))).Build());
    }

    [Fact]
    public void Custom_section_name_longer_than_the_section_is_unexpected_end()
    {
        FailsWith("unexpected end", Module().Raw(0x00, 0x00).Build());
        FailsWith("unexpected end", Module().Raw(0x00, 0x01, 0x05, 0x61, 0x62, 0x63, 0x64, 0x65).Build());
    }

    [Fact]
    public void Bad_import_and_export_kinds_are_malformed()
    {
        var e = Fails(Module().VectorSection(2, Concat(Name("a"), Name("b"), B(0x04))).Build());
        Assert.Equal(("malformed import kind", 15), (e.Cause, e.Offset));
        FailsWith("malformed export kind", Module().VectorSection(7, Concat(Name("a"), B(0x04, 0x00))).Build());
    }

    [Fact]
    public void Limits_flags_other_than_zero_or_one_are_rejected()
    {
        FailsWith("integer too large", Module().VectorSection(5, B(0x02, 0x00)).Build());
        FailsWith("integer representation too long", Module().VectorSection(5, B(0x81, 0x00, 0x00)).Build());
        FailsWith("integer too large", Module().VectorSection(4, B(0x70, 0x03, 0x00)).Build());
    }

    [Fact]
    public void Bad_mutability_value_type_and_reference_type_are_malformed()
    {
        FailsWith("malformed mutability", Module().VectorSection(6, B(0x7F, 0x02, 0x41, 0x00, 0x0B)).Build());
        FailsWith("malformed reference type", Module().VectorSection(4, B(0x7F, 0x00, 0x00)).Build());
        FailsWith("malformed reference type", Module().VectorSection(1, B(0x60, 0x01, 0x40, 0x00)).Build());
        FailsWith("integer representation too long", Module().VectorSection(1, B(0x60, 0x01, 0xFF, 0x7F, 0x00)).Build());
        FailsWith("malformed function type", Module().VectorSection(1, B(0x61, 0x00, 0x00)).Build());
    }

    [Fact]
    public void Bad_segment_kinds_are_malformed()
    {
        FailsWith("malformed elements segment kind", Module().VectorSection(9, B(0x08, 0x00)).Build());
        FailsWith("malformed element kind", Module().VectorSection(9, B(0x01, 0x70, 0x00)).Build());
        FailsWith("malformed reference type", Module().VectorSection(9, B(0x05, 0x7F, 0x00)).Build());
        FailsWith("malformed data segment kind", Module().VectorSection(11, B(0x03, 0x00)).Build());
    }

    [Fact]
    public void Function_and_code_counts_must_agree()
    {
        FailsWith("function and code section have inconsistent lengths", Module().VoidFunctions(2).Code(B(0x01)).Build());
        FailsWith("function and code section have inconsistent lengths", Module().VectorSection(1, B(0x60, 0x00, 0x00)).Code(B(0x01)).Build());
    }

    [Fact]
    public void Data_count_must_match_and_is_required_by_memory_init_and_data_drop()
    {
        FailsWith("data count and data section have inconsistent lengths", Module().Section(12, B(0x01)).Build());
        FailsWith("data count and data section have inconsistent lengths",
            Module().Section(12, B(0x00)).VectorSection(11, B(0x01, 0x00)).Build());
        FailsWith("data count section required", Module().VoidFunctions(1).Code(B(0xFC, 0x09, 0x00)).VectorSection(11, B(0x01, 0x00)).Build());
        FailsWith("data count section required", Module().VoidFunctions(1).Code(B(0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00)).Build());
    }

    [Fact]
    public void Too_many_locals_are_rejected()
    {
        byte[] Locals(params byte[][] runs) => Module().VoidFunctions(1).VectorSection(10, Body(Vec(runs), B())).Build();
        FailsWith("too many locals", Locals(B(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F), B(0x02, 0x7E)));
        FailsWith("too many locals", Locals(Concat(U32(50_001), B(0x7F))));
        FailsWith("too many locals", Locals(Concat(U32(25_000), B(0x7F)), Concat(U32(25_001), B(0x7E))));
        Assert.Equal(50_000, ModuleDecoder.Decode(Locals(Concat(U32(50_000), B(0x7F)))).Bodies[0].LocalCount);
        FailsWith("integer too large", Locals(B(0x80, 0x80, 0x80, 0x80, 0x10, 0x7F)));
    }

    [Fact]
    public void Function_body_must_end_exactly_with_end()
    {
        // Missing end at the end of the module.
        FailsWith("unexpected end", Module().VoidFunctions(1).VectorSection(10, B(0x02, 0x00, 0x01)).Build());
        // Missing end between two functions: the next body's bytes are read as instructions.
        FailsWith("END opcode expected",
            Module().VoidFunctions(2).VectorSection(10, B(0x02, 0x00, 0x01), B(0x05, 0x00, 0x41, 0x01, 0x1A, 0x0B)).Build());
        // Bytes after the final end.
        FailsWith("section size mismatch", Module().VoidFunctions(1).VectorSection(10, B(0x03, 0x00, 0x0B, 0x01)).Build());
    }

    [Fact]
    public void Constant_expression_without_end_runs_into_the_next_section()
    {
        FailsWith("illegal opcode", Module().VectorSection(6, B(0x7F, 0x00, 0x41, 0x00)).VectorSection(10).Build());
    }

    [Fact]
    public void Huge_claimed_counts_fail_as_out_of_bounds_before_allocating()
    {
        byte[] huge = U32(uint.MaxValue);
        foreach (byte id in new byte[] { 1, 2, 3, 4, 5, 6, 7, 9, 10, 11 })
        {
            FailsWith("length out of bounds", Module().Section(id, huge).Build());
        }
        FailsWith("length out of bounds", Module().VectorSection(1, Concat(B(0x60), huge)).Build());
        FailsWith("length out of bounds", Module().VectorSection(9, Concat(B(0x01, 0x00), huge)).Build());
        FailsWith("length out of bounds", Module().VectorSection(11, Concat(B(0x01), huge)).Build());
        FailsWith("length out of bounds", Module().VoidFunctions(1).VectorSection(10, Concat(B(0x07), huge, B(0x0B))).Build());
        Assert.Equal("length out of bounds", InstructionDecodingTests.Fails(Concat(B(0x41, 0x00, 0x0E), huge)).Cause);
        Assert.Equal("length out of bounds", InstructionDecodingTests.Fails(Concat(B(0x1C), huge)).Cause);
    }
}
