using Djinn.Engine.Binary;
using Djinn.Engine.Text;
using Djinn.Engine.Validation;
using Xunit;

namespace Djinn.Engine.Tests.Simd;

/// <summary>
/// The SIMD front end (text parser, decoder, validator) against every <c>simd_*.wast</c> script of the spec suite
/// (https://github.com/WebAssembly/spec/tree/main/test/core/simd): the script parses; every <c>assert_malformed</c> module
/// is rejected by the text parser (quoted) or the decoder (binary) with the expected message; every <c>assert_invalid</c>
/// module decodes and then fails validation with the expected message; every other module parses, decodes and validates.
/// Running the modules needs the SIMD back end and is left to <c>djinn wast --simd</c>.
/// </summary>
public sealed class SimdFrontEndSpecTests
{
    /// <summary>The SIMD scripts of the suite.</summary>
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Support.TestPaths.SpecSuite, "simd_*.wast").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Fact]
    public void The_spec_suite_has_its_simd_scripts() => Assert.True(Scripts().Count >= 50);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Simd_script_modules_are_rejected_or_accepted_by_the_front_end_as_the_suite_expects(string name)
    {
        var text = File.ReadAllText(Path.Combine(Support.TestPaths.SpecSuite, name + ".wast"));
        var commands = WastParser.Parse(text);
        var failures = new List<string>();
        foreach (var command in commands)
        {
            var failure = command switch
            {
                AssertModuleCommand { Kind: WastAssertKind.Malformed } a => CheckMalformed(a),
                AssertModuleCommand { Kind: WastAssertKind.Invalid } a => CheckInvalid(a),
                AssertModuleCommand a => CheckValid(a.Module),
                ModuleCommand m => CheckValid(m.Module),
                AssertTrapCommand { Module: { } module } => CheckValid(module),
                _ => null,
            };
            if (failure is not null) failures.Add($"line {command.Line}: {failure}");
        }
        Assert.True(failures.Count == 0, $"{name}: {failures.Count} failures\n" + string.Join("\n", failures));
    }

    private static string? CheckMalformed(AssertModuleCommand command)
    {
        try
        {
            if (command.Module.Kind == WastModuleKind.Quote) WatParser.ParseModule(command.Module.QuotedText!);
            else ModuleDecoder.Decode(command.Module.Bytes!);
            return $"malformed module was accepted, expected \"{command.Message}\"";
        }
        catch (TextParseException e) when (command.Module.Kind == WastModuleKind.Quote)
        {
            return e.Cause.StartsWith(command.Message, StringComparison.Ordinal)
                ? null
                : $"expected malformed \"{command.Message}\", got \"{e.Cause}\"";
        }
        catch (ModuleParseException e) when (command.Module.Kind == WastModuleKind.Binary)
        {
            return e.Cause.StartsWith(command.Message, StringComparison.Ordinal)
                ? null
                : $"expected malformed \"{command.Message}\", got \"{e.Cause}\"";
        }
    }

    private static string? CheckInvalid(AssertModuleCommand command)
    {
        try
        {
            ModuleValidator.Validate(ModuleDecoder.Decode(Bytes(command.Module)));
            return $"invalid module validated, expected \"{command.Message}\"";
        }
        catch (ValidationException e)
        {
            return e.Cause.StartsWith(command.Message, StringComparison.Ordinal)
                ? null
                : $"expected invalid \"{command.Message}\", got \"{e.Cause}\"";
        }
        catch (WasmException e)
        {
            return $"expected invalid \"{command.Message}\", got {e.Message}";
        }
    }

    private static string? CheckValid(WastModule module)
    {
        try
        {
            ModuleValidator.Validate(ModuleDecoder.Decode(Bytes(module)));
            return null;
        }
        catch (WasmException e)
        {
            return $"module rejected: {e.Message}";
        }
    }

    // Text modules that failed to encode are kept as quoted source by the script parser: parsing them here reports why.
    private static byte[] Bytes(WastModule module) =>
        module.Kind == WastModuleKind.Quote ? WatParser.ParseModule(module.QuotedText!) : module.Bytes!;
}
