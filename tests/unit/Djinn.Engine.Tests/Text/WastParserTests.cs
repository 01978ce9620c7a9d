using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Text;

/// <summary>The WAST script parser (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts).</summary>
public sealed class WastParserTests
{
    private const string Script = """
        (module $M (func (export "f") (param i32) (result i32) (local.get 0)))
        (register "m" $M)
        (module binary "\00asm" "\01\00\00\00")
        (assert_malformed (module quote "(func (i32.const 0x))" "(oops") "unknown operator")
        (invoke $M "f" (i32.const -1))
        (assert_return (invoke "f" (i32.const 7)) (i32.const 7))
        (assert_return (invoke "g" (f32.const -0x1p-1) (f64.const nan:0x4) (i64.const 0xffff_ffff_ffff_ffff))
          (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const 1.5))
        (assert_return (invoke "r" (ref.null extern) (ref.extern 3)) (ref.func) (ref.extern) (ref.extern 3) (ref.null func))
        (assert_return (invoke "v") (v128.const i32x4 1 2 3 -1) (v128.const f32x4 nan:canonical 1.0 nan:arithmetic -0))
        (assert_return (get $M "glob") (i64.const 5))
        (assert_trap (invoke "t") "unreachable")
        (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
        (assert_exhaustion (invoke "loop") "call stack exhausted")
        (assert_invalid (module (func (result i32))) "type mismatch")
        (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
        (assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
        """;

    [Fact]
    public void Every_command_kind_is_parsed_into_the_model()
    {
        var commands = WastParser.Parse(Script);
        Assert.Equal(16, commands.Count);

        var module = Assert.IsType<ModuleCommand>(commands[0]);
        Assert.Equal("$M", module.Module.Name);
        Assert.Equal(WastModuleKind.Text, module.Module.Kind);
        Assert.Equal(1, module.Line);
        Assert.Equal(WatParser.ParseModule("(func (export \"f\") (param i32) (result i32) (local.get 0))"), module.Module.Bytes);

        var register = Assert.IsType<RegisterCommand>(commands[1]);
        Assert.Equal(("m", "$M"), (register.As, register.ModuleName));

        var binary = Assert.IsType<ModuleCommand>(commands[2]);
        Assert.Equal(WastModuleKind.Binary, binary.Module.Kind);
        Assert.Equal(new byte[] { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0 }, binary.Module.Bytes);

        var malformed = Assert.IsType<AssertModuleCommand>(commands[3]);
        Assert.Equal(WastAssertKind.Malformed, malformed.Kind);
        Assert.Equal(WastModuleKind.Quote, malformed.Module.Kind);
        Assert.Contains("(func (i32.const 0x))", malformed.Module.QuotedText);
        Assert.Contains("(oops", malformed.Module.QuotedText);
        Assert.Equal("unknown operator", malformed.Message);

        var invoke = Assert.IsType<ActionCommand>(commands[4]);
        Assert.Equal("$M", invoke.Action.ModuleName);
        Assert.Equal(new WastValue(ValueKind.I32, 0xFFFF_FFFF), Assert.Single(invoke.Action.Arguments));
        Assert.False(invoke.Action.IsGet);
        Assert.Equal(5, invoke.Line);
    }

    [Fact]
    public void Arguments_and_expected_results_keep_raw_bits_and_nan_patterns()
    {
        var commands = WastParser.Parse(Script);
        var g = Assert.IsType<AssertReturnCommand>(commands[6]);
        Assert.Equal(
            [new WastValue(ValueKind.F32, 0xBF00_0000), new WastValue(ValueKind.F64, 0x7FF0_0000_0000_0004), new WastValue(ValueKind.I64, ulong.MaxValue)],
            g.Action.Arguments);
        Assert.Equal(WastExpectedKind.CanonicalNan, g.Expected[0].Kind);
        Assert.Equal(ValueKind.F32, g.Expected[0].Type);
        Assert.Equal(WastExpectedKind.ArithmeticNan, g.Expected[1].Kind);
        Assert.Equal(ValueKind.F64, g.Expected[1].Type);
        Assert.Equal(new WastValue(ValueKind.F32, 0x3FC0_0000), g.Expected[2].Value);

        var r = Assert.IsType<AssertReturnCommand>(commands[7]);
        Assert.Equal([new WastValue(ValueKind.ExternRef, 0, IsNull: true), new WastValue(ValueKind.ExternRef, 3)], r.Action.Arguments);
        Assert.Equal(
            [WastExpectedKind.AnyFuncRef, WastExpectedKind.AnyExternRef, WastExpectedKind.Exact, WastExpectedKind.Exact],
            r.Expected.Select(e => e.Kind));
        Assert.Equal(new WastValue(ValueKind.ExternRef, 3), r.Expected[2].Value);
        Assert.Equal(new WastValue(ValueKind.FuncRef, 0, IsNull: true), r.Expected[3].Value);
    }

    [Fact]
    public void V128_expectations_are_exact_or_per_lane_patterns()
    {
        var v = Assert.IsType<AssertReturnCommand>(WastParser.Parse(Script)[8]);
        Assert.Equal(WastExpectedKind.Exact, v.Expected[0].Kind);
        Assert.Equal(new WastValue(ValueKind.V128, 0x0000_0002_0000_0001, 0xFFFF_FFFF_0000_0003), v.Expected[0].Value);

        var lanes = v.Expected[1];
        Assert.Equal(WastExpectedKind.Lanes, lanes.Kind);
        Assert.Equal("f32x4", lanes.LaneShape);
        Assert.Equal(
            [WastExpectedKind.CanonicalNan, WastExpectedKind.Exact, WastExpectedKind.ArithmeticNan, WastExpectedKind.Exact],
            lanes.Lanes!.Select(l => l.Kind));
        Assert.Equal(0x3F80_0000UL, lanes.Lanes![1].Value!.Low);
        Assert.Equal(0x8000_0000UL, lanes.Lanes![3].Value!.Low);
    }

    [Fact]
    public void Get_traps_and_module_assertions_are_parsed()
    {
        var commands = WastParser.Parse(Script);
        var get = Assert.IsType<AssertReturnCommand>(commands[9]);
        Assert.True(get.Action.IsGet);
        Assert.Equal(("$M", "glob"), (get.Action.ModuleName, get.Action.Name));

        var trap = Assert.IsType<AssertTrapCommand>(commands[10]);
        Assert.NotNull(trap.Action);
        Assert.Null(trap.Module);
        var trapModule = Assert.IsType<AssertTrapCommand>(commands[11]);
        Assert.Null(trapModule.Action);
        Assert.Equal(WastModuleKind.Text, trapModule.Module!.Kind);

        Assert.Equal("call stack exhausted", Assert.IsType<AssertExhaustionCommand>(commands[12]).Message);
        Assert.Equal(
            [WastAssertKind.Invalid, WastAssertKind.Unlinkable, WastAssertKind.Uninstantiable],
            commands.Skip(13).Select(c => Assert.IsType<AssertModuleCommand>(c).Kind));
    }

    [Fact]
    public void A_bare_field_list_is_an_inline_module()
    {
        var command = Assert.IsType<ModuleCommand>(Assert.Single(WastParser.Parse("(func) (memory 0) (func (export \"f\"))")));
        Assert.Equal(WastModuleKind.Text, command.Module.Kind);
        Assert.Equal(WatParser.ParseModule("(module (func) (memory 0) (func (export \"f\")))"), command.Module.Bytes);
    }

    [Fact]
    public void A_text_module_that_does_not_encode_is_kept_as_source_for_its_command_to_fail()
    {
        var commands = WastParser.Parse("(module $A (func (i8x16.frobnicate)))\n(assert_return (invoke \"f\"))");
        var module = Assert.IsType<ModuleCommand>(commands[0]).Module;
        Assert.Equal(WastModuleKind.Quote, module.Kind);
        Assert.Equal("$A", module.Name);
        Assert.Equal("(module $A (func (i8x16.frobnicate)))", module.QuotedText);
        Assert.Throws<TextParseException>(() => WatParser.ParseModule(module.QuotedText!));
        Assert.IsType<AssertReturnCommand>(commands[1]);
    }

    [Fact]
    public void Quoted_source_with_invalid_utf8_stays_malformed()
    {
        const string script = """
            (module quote "(data \"\\ff\")")
            (assert_malformed (module quote "(data \"" "\ff" "\")") "malformed UTF-8 encoding")
            """;
        var commands = WastParser.Parse(script);
        var valid = Assert.IsType<ModuleCommand>(commands[0]).Module.QuotedText!;
        Assert.Equal("(data \"\\ff\")", valid);
        Assert.NotEmpty(WatParser.ParseModule(valid));

        var invalid = Assert.IsType<AssertModuleCommand>(commands[1]).Module.QuotedText!;
        var e = Assert.Throws<TextParseException>(() => WatParser.ParseModule(invalid));
        Assert.Contains("malformed UTF-8 encoding", e.Cause);
    }

    [Theory]
    [InlineData("(assert_return (invoke \"f\" (i32.const)))")]
    [InlineData("(assert_return (invoke \"f\") (i32.const 1)")]
    [InlineData("(frobnicate)")]
    [InlineData("(register $M)")]
    [InlineData("(assert_malformed (invoke \"f\") \"x\")")]
    public void Malformed_script_syntax_is_rejected(string script) =>
        Assert.Throws<TextParseException>(() => WastParser.Parse(script));
}
