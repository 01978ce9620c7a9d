using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Text;

/// <summary>Representative modules encoded by <see cref="WatParser"/>, checked by hand against the binary format.</summary>
public sealed class WatEncodingTests
{
    private static readonly byte[] s_header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    private static byte[] Module(params byte[] sections) => [.. s_header, .. sections];

    private static void AssertEncodes(string wat, params byte[] sections) =>
        Assert.Equal(Convert.ToHexString(Module(sections)), Convert.ToHexString(WatParser.ParseModule(wat)));

    private static TextParseException AssertMalformed(string wat) =>
        Assert.Throws<TextParseException>(() => WatParser.ParseModule(wat));

    private static readonly byte[] s_addOne =
    [
        0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
        0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6A, 0x0B,
    ];

    [Fact]
    public void Empty_module_is_just_the_header()
    {
        AssertEncodes("(module)");
        AssertEncodes("(module $m)");
        AssertEncodes("");
    }

    [Fact]
    public void Plain_instructions_with_named_params_and_inline_export_encode()
    {
        AssertEncodes("(module (func (export \"f\") (param $x i32) (result i32) local.get $x i32.const 1 i32.add))", s_addOne);
    }

    [Fact]
    public void Folded_instructions_encode_like_plain_ones()
    {
        AssertEncodes("(func (export \"f\") (param $x i32) (result i32) (i32.add (local.get $x) (i32.const 1)))", s_addOne);
    }

    [Fact]
    public void Explicit_type_use_and_separate_export_encode_the_same()
    {
        AssertEncodes(
            "(type $t (func (param i32) (result i32))) (func $f (type $t) (param $x i32) (result i32) (i32.add (local.get 0) (i32.const 1))) (export \"f\" (func $f))",
            s_addOne);
    }

    [Fact]
    public void Block_labels_resolve_to_relative_depths()
    {
        // func [] -> []; block $a (block $b (br $a) (br $b)) end
        AssertEncodes("(func (block $a (block $b (br $a) (br $b))) block $c br $c end $c)",
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x13, 0x01, 0x11, 0x00,
            0x02, 0x40, 0x02, 0x40, 0x0C, 0x01, 0x0C, 0x00, 0x0B, 0x0B,
            0x02, 0x40, 0x0C, 0x00, 0x0B,
            0x0B);
    }

    [Fact]
    public void Folded_if_puts_the_condition_first()
    {
        AssertEncodes("(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))))",
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x0E, 0x01, 0x0C, 0x00,
            0x41, 0x01, 0x04, 0x7F, 0x41, 0x02, 0x05, 0x41, 0x03, 0x0B,
            0x0B);
    }

    [Fact]
    public void Implicit_types_are_appended_after_explicit_ones_and_reused()
    {
        // Type 0 is explicit (); (param i32) becomes type 1 and is reused by the second function.
        AssertEncodes("(func (param i32)) (type (func)) (func (param i32)) (func)",
            0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7F, 0x00,
            0x03, 0x04, 0x03, 0x01, 0x01, 0x00,
            0x0A, 0x0A, 0x03, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B);
    }

    [Fact]
    public void Multi_value_block_types_get_a_type_index()
    {
        AssertEncodes("(func (block (result i32 i32) unreachable) unreachable)",
            0x01, 0x09, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x02, 0x7F, 0x7F,
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x09, 0x01, 0x07, 0x00, 0x02, 0x01, 0x00, 0x0B, 0x00, 0x0B);
    }

    [Fact]
    public void Memarg_offset_and_align_encode_as_log2_then_offset()
    {
        AssertEncodes("(memory 1) (func (drop (i32.load offset=8 align=2 (i32.const 0))) (i64.store8 (i32.const 0) (i64.const -1)))",
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x05, 0x03, 0x01, 0x00, 0x01,
            0x0A, 0x11, 0x01, 0x0F, 0x00,
            0x41, 0x00, 0x28, 0x01, 0x08, 0x1A,
            0x41, 0x00, 0x42, 0x7F, 0x3C, 0x00, 0x00,
            0x0B);
    }

    [Fact]
    public void Misaligned_alignment_is_malformed()
    {
        var e = AssertMalformed("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))");
        Assert.Contains("alignment", e.Cause);
    }

    [Fact]
    public void Imports_encode_with_inline_forms()
    {
        AssertEncodes(
            "(import \"m\" \"t\" (table 1 2 funcref)) (func $f (import \"m\" \"f\") (param i32)) (memory (import \"m\" \"mem\") 1) (global (import \"m\" \"g\") (mut f32))",
            0x01, 0x05, 0x01, 0x60, 0x01, 0x7F, 0x00,
            0x02, 0x20, 0x04,
            0x01, 0x6D, 0x01, 0x74, 0x01, 0x70, 0x01, 0x01, 0x02,
            0x01, 0x6D, 0x01, 0x66, 0x00, 0x00,
            0x01, 0x6D, 0x03, 0x6D, 0x65, 0x6D, 0x02, 0x00, 0x01,
            0x01, 0x6D, 0x01, 0x67, 0x03, 0x7D, 0x01);
    }

    [Fact]
    public void Imported_function_type_uses_may_name_their_params()
    {
        var a = WatParser.ParseModule("(import \"m\" \"f\" (func (param $x i32)))");
        var b = WatParser.ParseModule("(func (import \"m\" \"f\") (param $x i32))");
        Assert.Equal(Convert.ToHexString(a), Convert.ToHexString(b));
        Assert.Throws<TextParseException>(() => WatParser.ParseModule("(table 1 funcref) (func (call_indirect (param $x i32) (i32.const 0) (i32.const 0)))"));
    }

    [Fact]
    public void Globals_elements_and_data_encode()
    {
        AssertEncodes(
            "(global $g (mut i64) (i64.const -1)) (table 1 funcref) (memory 1) (func $f) " +
            "(elem (i32.const 0) $f) (elem $p funcref (ref.func $f) (item ref.null func)) (elem declare func $f) " +
            "(data (i32.const 1) \"a\\62\") (data $d \"\")",
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x04, 0x04, 0x01, 0x70, 0x00, 0x01,
            0x05, 0x03, 0x01, 0x00, 0x01,
            0x06, 0x06, 0x01, 0x7E, 0x01, 0x42, 0x7F, 0x0B,
            0x09, 0x14, 0x03,
            0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,
            0x05, 0x70, 0x02, 0xD2, 0x00, 0x0B, 0xD0, 0x70, 0x0B,
            0x03, 0x00, 0x01, 0x00,
            0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B,
            0x0B, 0x0A, 0x02, 0x00, 0x41, 0x01, 0x0B, 0x02, 0x61, 0x62, 0x01, 0x00);
    }

    [Fact]
    public void Inline_table_elements_and_memory_data_set_the_limits()
    {
        AssertEncodes("(func $f) (table funcref (elem $f $f)) (memory (data \"hi\"))",
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x04, 0x05, 0x01, 0x70, 0x01, 0x02, 0x02,
            0x05, 0x04, 0x01, 0x01, 0x01, 0x01,
            0x09, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x02, 0x00, 0x00,
            0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B,
            0x0B, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x02, 0x68, 0x69);
    }

    [Fact]
    public void Bulk_and_table_instructions_encode_with_the_FC_prefix()
    {
        AssertEncodes("(table $t 0 funcref) (memory 1) (elem $e func) (data $d \"\") (func " +
                      "(memory.init $d (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop $d) (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 0)) " +
                      "(elem.drop $e) (table.copy (i32.const 0) (i32.const 0) (i32.const 0)) (drop (i32.trunc_sat_f32_s (f32.const 0))))",
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x04, 0x04, 0x01, 0x70, 0x00, 0x00,
            0x05, 0x03, 0x01, 0x00, 0x01,
            0x09, 0x04, 0x01, 0x01, 0x00, 0x00,
            0x0C, 0x01, 0x01,
            0x0A, 0x30, 0x01, 0x2E, 0x00,
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00,
            0xFC, 0x09, 0x00,
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0C, 0x00, 0x00,
            0xFC, 0x0D, 0x00,
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0E, 0x00, 0x00,
            0x43, 0x00, 0x00, 0x00, 0x00, 0xFC, 0x00, 0x1A,
            0x0B,
            0x0B, 0x03, 0x01, 0x01, 0x00);
    }

    [Fact]
    public void Call_indirect_and_typed_select_encode()
    {
        AssertEncodes("(table 1 funcref) (func (param i32) (result i32) (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0)) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)) drop)",
            0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,
            0x03, 0x02, 0x01, 0x00,
            0x04, 0x04, 0x01, 0x70, 0x00, 0x01,
            0x0A, 0x15, 0x01, 0x13, 0x00,
            0x20, 0x00, 0x41, 0x00, 0x11, 0x00, 0x00,
            0x41, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1C, 0x01, 0x7F,
            0x1A, 0x0B);
    }

    [Fact]
    public void Br_table_and_locals_encode()
    {
        AssertEncodes("(func (local $a i32) (local i64 i64) (block $x (block $y (br_table $x $y 0 (local.get $a)))))",
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x15, 0x01, 0x13, 0x02, 0x01, 0x7F, 0x02, 0x7E,
            0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x0E, 0x02, 0x01, 0x00, 0x00, 0x0B, 0x0B,
            0x0B);
    }

    [Theory]
    [InlineData("(func) (import \"a\" \"b\" (func))", "import after function")]
    [InlineData("(global i32 (i32.const 0)) (func (import \"a\" \"b\"))", "import after global")]
    [InlineData("(func $f) (func $f)", "duplicate func")]
    [InlineData("(func (param $x i32) (local $x i32))", "duplicate local")]
    [InlineData("(func (call $nope))", "unknown function")]
    [InlineData("(func (br $nope))", "unknown label")]
    [InlineData("(func (local.get $nope))", "unknown local")]
    [InlineData("(func block $a end $b)", "mismatching label")]
    [InlineData("(type $t (func (param i32))) (func (type $t) (param i64))", "inline function type")]
    [InlineData("(func (i32.const 4294967296))", "constant out of range")]
    [InlineData("(func (get_local 0))", "unknown operator")]
    [InlineData("(data\"a\")", "unknown operator")]
    [InlineData("(func (nop) (local i32))", "unexpected token")]
    [InlineData("(func (block (param $x i32)))", "unexpected token")]
    [InlineData("(start 0) (start 0) (func)", "multiple start sections")]
    [InlineData("(func) (; unclosed", "unclosed")]
    [InlineData("(func", "unclosed")]
    [InlineData("(export \"\\ff\" (func 0))", "malformed UTF-8 encoding")]
    public void Malformed_modules_are_rejected_with_the_spec_cause(string wat, string cause)
    {
        var e = AssertMalformed(wat);
        Assert.Contains(cause, e.Cause);
    }

    [Fact]
    public void Absurdly_deep_nesting_is_malformed_rather_than_a_stack_overflow()
    {
        const int depth = 200_000;
        var folded = "(func " + string.Concat(Enumerable.Repeat("(block ", depth)) + new string(')', depth) + ")";
        Assert.Contains("nested too deeply", AssertMalformed(folded).Cause);
        var plain = "(func " + string.Concat(Enumerable.Repeat("block ", depth)) + string.Concat(Enumerable.Repeat("end ", depth)) + ")";
        Assert.Contains("nested too deeply", AssertMalformed(plain).Cause);
    }

    [Fact]
    public void Moderately_deep_nesting_encodes()
    {
        const int depth = 500;
        var bytes = WatParser.ParseModule("(func " + string.Concat(Enumerable.Repeat("(block ", depth)) + new string(')', depth) + ")");
        Assert.Equal(depth, bytes.Count(b => b == 0x40));
    }

    [Fact]
    public void Errors_report_line_and_column()
    {
        var e = AssertMalformed("(module\n  (func\n    (call $missing)))");
        Assert.Equal(3, e.Line);
        Assert.Equal(11, e.Column);
    }
}
