using Djinn.Cli.Wast;
using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

public sealed class WastRunnerTests
{
    // Not a module: the magic number is cut short, so it is malformed whatever the decoder's state.
    private static readonly byte[] TruncatedMagic = [0x00, 0x61];

    private static WastModule Binary(byte[] bytes, string? name = null) => new(WastModuleKind.Binary, name, bytes, null);

    private static WastAction Invoke(string name, string? module = null) => new(false, module, name, []);

    [Fact]
    public void Unknown_file_is_a_single_failure_not_an_exception()
    {
        string path = Path.Combine(Path.GetTempPath(), $"djinn-missing-{Guid.NewGuid():N}.wast");

        var result = WastRunner.RunFile(path);

        Assert.Equal(0, result.Passed);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("file", failure.Kind);
        Assert.Contains("file not found", failure.Message);
    }

    [Fact]
    public void Unknown_file_on_the_command_line_is_reported_and_fails_the_run()
    {
        string path = Path.Combine(Path.GetTempPath(), $"djinn-missing-{Guid.NewGuid():N}.wast");
        var output = new StringWriter();

        int code = WastRunner.Run([path], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(1, code);
        Assert.Equal($"{Path.GetFileName(path)}: 0 passed, 1 failed", lines[0]);
        Assert.StartsWith("  line 0: file: file not found", lines[1]);
        Assert.Equal("0 passed, 1 failed", lines[^1]);
    }

    [Fact]
    public void Empty_directory_is_a_failure_rather_than_a_silent_pass()
    {
        var directory = Directory.CreateTempSubdirectory("djinn-wast-empty-");
        try
        {
            int code = WastRunner.Run([directory.FullName], new StringWriter());
            Assert.Equal(1, code);
        }
        finally
        {
            directory.Delete();
        }
    }

    [Fact]
    public void Simd_file_given_directly_is_skipped_by_default()
    {
        var directory = Directory.CreateTempSubdirectory("djinn-wast-simd-");
        try
        {
            string path = Path.Combine(directory.FullName, "simd_lane.wast");
            File.WriteAllText(path, "");
            var result = WastRunner.RunFile(path);
            Assert.True(result.IsSkipped);
            Assert.Equal("SIMD is a separate issue", result.SkipReason);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Action_without_any_module_fails_with_a_clear_message()
    {
        var result = WastRunner.RunCommands("t.wast", [new ActionCommand(3, Invoke("f"))]);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(new WastFailure(3, "invoke", "no module has been defined"), failure);
    }

    [Fact]
    public void Malformed_binary_passes_assert_malformed_and_fails_assert_invalid()
    {
        var result = WastRunner.RunCommands("t.wast",
        [
            new AssertModuleCommand(1, WastAssertKind.Malformed, Binary(TruncatedMagic), "unexpected end"),
            new AssertModuleCommand(2, WastAssertKind.Invalid, Binary(TruncatedMagic), "type mismatch"),
        ]);

        Assert.Equal(1, result.Passed);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(2, failure.Line);
        Assert.Equal("assert_invalid", failure.Kind);
        Assert.StartsWith("expected invalid \"type mismatch\", got malformed: ", failure.Message);
    }

    [Fact]
    public void Actions_after_a_module_that_failed_to_load_name_that_module()
    {
        var result = WastRunner.RunCommands("t.wast",
        [
            new ModuleCommand(1, Binary(TruncatedMagic, "$m")),
            new AssertReturnCommand(2, Invoke("f"), []),
            new AssertTrapCommand(3, Invoke("f", "$m"), null, "unreachable"),
            new RegisterCommand(4, "reg", "$other"),
        ]);

        Assert.Equal(0, result.Passed);
        Assert.Equal(4, result.Failed);
        Assert.Equal("module", result.Failures[0].Kind);
        Assert.StartsWith("expected the module to load, got malformed: ", result.Failures[0].Message);
        Assert.Equal("the current module (line 1) failed to load", result.Failures[1].Message);
        Assert.Equal("module $m (line 1) failed to load", result.Failures[2].Message);
        Assert.Equal("unknown module $other", result.Failures[3].Message);
    }

    [Fact]
    public void Every_command_kind_has_its_script_name()
    {
        var module = Binary(TruncatedMagic);
        Assert.Equal("module", WastScript.KindOf(new ModuleCommand(1, module)));
        Assert.Equal("register", WastScript.KindOf(new RegisterCommand(1, "r", null)));
        Assert.Equal("invoke", WastScript.KindOf(new ActionCommand(1, Invoke("f"))));
        Assert.Equal("get", WastScript.KindOf(new ActionCommand(1, new WastAction(true, null, "g", []))));
        Assert.Equal("assert_return", WastScript.KindOf(new AssertReturnCommand(1, Invoke("f"), [])));
        Assert.Equal("assert_trap", WastScript.KindOf(new AssertTrapCommand(1, Invoke("f"), null, "m")));
        Assert.Equal("assert_exhaustion", WastScript.KindOf(new AssertExhaustionCommand(1, Invoke("f"), "m")));
        Assert.Equal("assert_malformed", WastScript.KindOf(new AssertModuleCommand(1, WastAssertKind.Malformed, module, "m")));
        Assert.Equal("assert_invalid", WastScript.KindOf(new AssertModuleCommand(1, WastAssertKind.Invalid, module, "m")));
        Assert.Equal("assert_unlinkable", WastScript.KindOf(new AssertModuleCommand(1, WastAssertKind.Unlinkable, module, "m")));
        Assert.Equal("assert_uninstantiable", WastScript.KindOf(new AssertModuleCommand(1, WastAssertKind.Uninstantiable, module, "m")));
    }

    [Fact]
    public void Exceptions_are_described_by_category_and_unexpected_ones_by_type()
    {
        Assert.Equal("trap (Unreachable): unreachable", WastErrors.Describe(new TrapException(TrapCode.Unreachable)));
        Assert.StartsWith("invalid: ", WastErrors.Describe(new ValidationException(-1, -1, "type mismatch")));
        Assert.StartsWith("unlinkable: ", WastErrors.Describe(new LinkException("unknown import")));
        Assert.StartsWith("unexpected System.NotImplementedException: ", WastErrors.Describe(new NotImplementedException()));
    }

    [Fact]
    public void A_watchdog_timeout_never_counts_as_an_expected_trap()
    {
        Assert.True(WastErrors.IsTrap(new TrapException(TrapCode.IntegerDivisionByZero)));
        Assert.False(WastErrors.IsTrap(new TrapException(TrapCode.Timeout)));
        Assert.False(WastErrors.IsTrap(new InvalidOperationException()));
    }

    [Fact]
    public void Stack_guard_and_exhaustion_traps_both_count_as_exhaustion()
    {
        Assert.True(WastErrors.IsExhaustion(new TrapException(TrapCode.CallStackExhausted)));
        Assert.True(WastErrors.IsExhaustion(new InsufficientExecutionStackException()));
        Assert.False(WastErrors.IsExhaustion(new TrapException(TrapCode.Unreachable)));
        var wrapped = new System.Reflection.TargetInvocationException(new InsufficientExecutionStackException());
        Assert.True(WastErrors.IsExhaustion(WastErrors.Unwrap(wrapped)));
    }
}
