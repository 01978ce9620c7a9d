using Djinn.Engine.Binary;
using Djinn.Engine.Text;
using Djinn.Engine.Validation;
using Xunit;

namespace Djinn.Engine.Tests.Validation;

/// <summary>
/// Runs the validator over the spec suite's modules (https://github.com/WebAssembly/spec/tree/main/test/core)
/// and checks the messages, which the WAST runner does not: every <c>assert_invalid</c> must fail validation with
/// a cause starting with the expected text, and every module of a <c>module</c> command must validate.
/// Needs the decoder, the WAST parser and the suite beside the repository (shared/wasm-spec-2.0); while any of
/// them is missing (the parser and decoder are stubs on the validator branch) the tests return early.
/// </summary>
public sealed class SpecSuiteValidationTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var directory = Support.TestPaths.SpecSuite;
        foreach (var path in Directory.GetFiles(directory, "*.wast"))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Invalid_modules_fail_with_the_expected_message_and_valid_modules_pass(string file)
    {
        var directory = Support.TestPaths.SpecSuite;

        var failures = new List<string>();
        foreach (var command in WastParser.Parse(File.ReadAllText(Path.Combine(directory, file))))
        {
            switch (command)
            {
                case AssertModuleCommand { Kind: WastAssertKind.Invalid, Module.Bytes: { } bytes } invalid:
                    try
                    {
                        ModuleValidator.Validate(ModuleDecoder.Decode(bytes));
                        failures.Add($"line {invalid.Line}: validated, expected \"{invalid.Message}\"");
                    }
                    catch (ValidationException ex) when (ex.Cause.StartsWith(invalid.Message, StringComparison.Ordinal))
                    {
                    }
                    catch (WasmException ex)
                    {
                        failures.Add($"line {invalid.Line}: expected \"{invalid.Message}\", got {ex.Message}");
                    }
                    break;
                case ModuleCommand { Module: { Kind: not WastModuleKind.Quote, Bytes: { } bytes } } valid:
                    try
                    {
                        ModuleValidator.Validate(ModuleDecoder.Decode(bytes));
                    }
                    catch (ValidationException ex)
                    {
                        failures.Add($"line {valid.Line}: valid module rejected: {ex.Message}");
                    }
                    break;
            }
        }

        Assert.True(failures.Count == 0, $"{file}:\n" + string.Join("\n", failures));
    }
}
