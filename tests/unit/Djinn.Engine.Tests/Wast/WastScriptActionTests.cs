using Djinn.Cli.Wast;
using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

/// <summary>Drives actions and assertions through the script executor with host globals, so no module is compiled.</summary>
public sealed class WastScriptActionTests
{
    private readonly WastScript _script = new("actions.wast");

    private Global Global(ValueKind kind, object? value) => new(_script.Store, kind, mutable: false, value);

    private static WastAction Get(string name, string? module = null) => new(true, module, name, []);

    private static WastExpected I32(int value) => new(WastExpectedKind.Exact, new WastValue(ValueKind.I32, (uint)value), ValueKind.I32);

    [Fact]
    public void Get_of_an_exported_global_is_compared_with_the_expected_value()
    {
        _script.Bind(null, new Dictionary<string, object> { ["g"] = Global(ValueKind.I32, 1) }, line: 1);

        var result = _script.Run(
        [
            new AssertReturnCommand(2, Get("g"), [I32(1)]),
            new AssertReturnCommand(3, Get("g"), [I32(2)]),
            new ActionCommand(4, Get("g")),
        ]);

        Assert.Equal(2, result.Passed);
        Assert.Equal(new WastFailure(3, "assert_return", "result: expected i32:2, got i32:1"), Assert.Single(result.Failures));
    }

    [Fact]
    public void Named_modules_stay_reachable_after_another_module_becomes_current()
    {
        _script.Bind("$a", new Dictionary<string, object> { ["g"] = Global(ValueKind.I32, 10) }, line: 1);
        _script.Bind(null, new Dictionary<string, object> { ["g"] = Global(ValueKind.I32, 20) }, line: 2);

        var result = _script.Run(
        [
            new AssertReturnCommand(3, Get("g", "$a"), [I32(10)]),
            new AssertReturnCommand(4, Get("g"), [I32(20)]),
            new AssertReturnCommand(5, Get("g", "$b"), [I32(0)]),
        ]);

        Assert.Equal(2, result.Passed);
        Assert.Equal(new WastFailure(5, "assert_return", "unknown module $b"), Assert.Single(result.Failures));
    }

    [Fact]
    public void Nan_patterns_and_host_references_match_global_values()
    {
        _script.Bind(null, new Dictionary<string, object>
        {
            ["nan"] = Global(ValueKind.F32, BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0000))),
            ["ref"] = Global(ValueKind.ExternRef, new HostReference(3)),
            ["null"] = Global(ValueKind.FuncRef, null),
        }, line: 1);

        var result = _script.Run(
        [
            new AssertReturnCommand(2, Get("nan"), [new WastExpected(WastExpectedKind.CanonicalNan, null, ValueKind.F32)]),
            new AssertReturnCommand(3, Get("ref"), [new WastExpected(WastExpectedKind.Exact, new WastValue(ValueKind.ExternRef, 3), ValueKind.ExternRef)]),
            new AssertReturnCommand(4, Get("null"), [new WastExpected(WastExpectedKind.Exact, new WastValue(ValueKind.FuncRef, 0, IsNull: true), ValueKind.FuncRef)]),
        ]);

        Assert.Equal(3, result.Passed);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Missing_exports_and_exports_of_the_wrong_kind_are_reported_by_name()
    {
        _script.Bind(null, new Dictionary<string, object> { ["g"] = Global(ValueKind.I32, 1) }, line: 1);

        var result = _script.Run(
        [
            new ActionCommand(2, Get("missing")),
            new ActionCommand(3, new WastAction(false, null, "g", [])),
        ]);

        Assert.Equal("the current module has no global export \"missing\"", result.Failures[0].Message);
        Assert.Equal("the current module has no function export \"g\"", result.Failures[1].Message);
    }

    [Fact]
    public void Assertions_expecting_a_trap_or_exhaustion_fail_when_the_action_returns()
    {
        _script.Bind(null, new Dictionary<string, object> { ["g"] = Global(ValueKind.I64, 5L) }, line: 1);

        var result = _script.Run(
        [
            new AssertTrapCommand(2, Get("g"), null, "unreachable"),
            new AssertExhaustionCommand(3, Get("g"), "call stack exhausted"),
        ]);

        Assert.Equal("expected trap \"unreachable\", got [i64:5]", result.Failures[0].Message);
        Assert.Equal("expected call stack exhaustion \"call stack exhausted\", got [i64:5]", result.Failures[1].Message);
    }

    [Fact]
    public void Register_takes_the_current_or_a_named_module_and_fails_without_one()
    {
        var result = _script.Run([new RegisterCommand(1, "early", null)]);
        Assert.Equal(new WastFailure(1, "register", "no module has been defined"), Assert.Single(result.Failures));

        var script = new WastScript("register.wast");
        script.Bind("$m", new Dictionary<string, object>(), line: 1);
        var registered = script.Run([new RegisterCommand(2, "M", null), new RegisterCommand(3, "M2", "$m")]);
        Assert.Equal(2, registered.Passed);
        Assert.Empty(registered.Failures);
    }
}
