using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Text;

/// <summary>
/// The text layer against the official spec suite (WebAssembly 2.0 scripts, SIMD included): every script parses
/// (which encodes every text module), every quoted malformed module is rejected and every other quoted module parses.
/// The suite is found through <see cref="Support.TestPaths.SpecSuite"/>.
/// </summary>
public sealed class SpecSuiteTextTests
{
    private static string SpecDir => Support.TestPaths.SpecSuite;

    /// <summary>The scripts of the suite.</summary>
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SpecDir, "*.wast").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Fact]
    public void The_spec_suite_is_available_with_its_scripts() =>
        Assert.True(Scripts().Count >= 130, $"expected the spec suite in {SpecDir}");

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Spec_script_parses_and_its_quoted_modules_are_judged_correctly(string name)
    {
        var text = File.ReadAllText(Path.Combine(SpecDir, name + ".wast"));
        var commands = WastParser.Parse(text);

        // Sanity: one command per top-level form (the inline-module script is a single module), and at least one
        // command per line that opens a module or an assertion (some of those lines are inside block comments).
        int forms = Lexer.Parse(text).Count;
        Assert.Equal(name == "inline-module" ? 1 : forms, commands.Count);
        int opened = text.Split('\n').Count(l => l.StartsWith("(module", StringComparison.Ordinal) || l.StartsWith("(assert_", StringComparison.Ordinal));
        Assert.True(commands.Count >= opened - 2, $"{commands.Count} commands, {opened} opening lines");

        foreach (var command in commands)
        {
            var (module, malformed) = command switch
            {
                ModuleCommand m => (m.Module, false),
                AssertModuleCommand a => (a.Module, a.Kind == WastAssertKind.Malformed),
                AssertTrapCommand { Module: not null } t => (t.Module, false),
                _ => (null, false),
            };
            if (module is null) continue;
            if (module.Kind == WastModuleKind.Text) Assert.NotEmpty(module.Bytes!);
            if (module.Kind != WastModuleKind.Quote) continue;
            if (malformed)
            {
                var e = Record.Exception(() => WatParser.ParseModule(module.QuotedText!));
                Assert.True(e is TextParseException, $"line {command.Line}: quoted malformed module was accepted");
            }
            else
            {
                Assert.NotEmpty(WatParser.ParseModule(module.QuotedText!));
            }
        }
    }

    [Fact]
    public void Float_literal_modules_of_the_suite_encode_known_bits()
    {
        // From const.wast: the f32 rounding cases straddling a tie, checked by hand.
        Assert.Equal(0x3F80_0000U, Numbers.ParseF32(new SNode(SKind.Atom, 1, 1, "+0x1.00000100000000000p-0")));
        Assert.Equal(0x3F80_0001U, Numbers.ParseF32(new SNode(SKind.Atom, 1, 1, "+0x1.000001000000001p-0")));
        Assert.Equal(0x3F80_0002U, Numbers.ParseF32(new SNode(SKind.Atom, 1, 1, "+0x1.000003p-0")));
        Assert.Equal(0x0000_0000U, Numbers.ParseF32(new SNode(SKind.Atom, 1, 1, "+0x0.00000100000000000p-126")));
        Assert.Equal(0x0000_0001U, Numbers.ParseF32(new SNode(SKind.Atom, 1, 1, "+0x0.00000100000000001p-126")));
        Assert.Equal(0x3F80_0000U, Numbers.ParseF32(new SNode(SKind.Atom, 1, 1, "1.000000059604644775390625")));
        Assert.Equal(0x3F80_0002U, Numbers.ParseF32(new SNode(SKind.Atom, 1, 1, "1.000000178813934326171875")));
        Assert.Equal(0x3FF0_0000_0000_0000UL, Numbers.ParseF64(new SNode(SKind.Atom, 1, 1, "1.00000000000000011102230246251565404236316680908203125")));
    }
}
