using System.Text;
using Djinn.Engine.Functions;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Functions;

public sealed class FunctionHostTests
{
    private static readonly Engine Engine = new(new Config { ConsumeFuel = true });
    private static readonly FunctionHost Host = new(Engine);

    private static Module Fixture(string name) =>
        Module.FromFile(Engine, TestPaths.TestSource(Path.Combine("Functions", "Fixtures", name)));

    private static FunctionRequest Request(string body = "") => new("POST", "/fn/test/a/b?x=1", "/a/b", "x=1",
        new Dictionary<string, string[]> { ["content-type"] = ["text/plain"] }, Encoding.UTF8.GetBytes(body));

    private static InvocationResult Run(Module module, string name = "test", FunctionMode mode = FunctionMode.Json,
        string body = "", Dictionary<string, string>? env = null, FunctionLimits? limits = null) =>
        Host.Invoke(new FunctionInvocation(module, name, 1, mode, Request(body), env ?? new(), limits ?? new FunctionLimits()));

    [Fact]
    public void A_contract_response_gives_its_status_headers_body_and_log_lines()
    {
        var result = Run(Fixture("hello.wat"));

        Assert.Equal(FunctionOutcome.Success, result.Outcome);
        Assert.Equal(201, result.Response!.Status);
        Assert.Equal(["hello"], result.Response.Headers["X-Kind"]);
        Assert.Equal("hello", Encoding.UTF8.GetString(result.Response.Body));
        Assert.Equal(["log line"], result.LogLines);
    }

    [Fact]
    public void Every_invocation_gets_a_fresh_instance()
    {
        var module = Fixture("hello.wat");
        for (int i = 0; i < 5; i++) Assert.Equal(FunctionOutcome.Success, Run(module).Outcome);
    }

    [Fact]
    public void Raw_mode_passes_the_body_through_stdin_and_stdout()
    {
        var result = Run(Fixture("echo.wat"), mode: FunctionMode.Raw, body: "ping \u00e9");

        Assert.Equal(FunctionOutcome.Success, result.Outcome);
        Assert.Equal("ping \u00e9", Encoding.UTF8.GetString(result.Response!.Body));
    }

    [Fact]
    public void The_guest_sees_its_configured_environment_and_nothing_of_the_host()
    {
        var module = Module.FromFile(Engine, Path.Combine(TestPaths.ExampleModules, "hello.wasm"));
        var result = Run(module, mode: FunctionMode.Raw, env: new() { ["DJINN_GREETING"] = "hi there" });

        string output = Encoding.UTF8.GetString(result.Response!.Body);
        Assert.Contains("DJINN_GREETING = hi there", output);
        Assert.DoesNotContain(Environment.GetEnvironmentVariable("PATH")!, output);
    }

    [Theory]
    [InlineData("bad", FunctionOutcome.BadResponse, null)]
    [InlineData("spin", FunctionOutcome.Timeout, TrapCode.Timeout)]
    [InlineData("flood", FunctionOutcome.Trap, TrapCode.OutputLimitExceeded)]
    [InlineData("xit", FunctionOutcome.Trap, null)]
    [InlineData("trap", FunctionOutcome.Trap, TrapCode.Unreachable)]
    public void A_misbehaving_function_ends_with_a_clear_outcome(string mode, FunctionOutcome outcome, TrapCode? trap)
    {
        var limits = new FunctionLimits { Timeout = TimeSpan.FromMilliseconds(200), MaxStderrBytes = 4096 };

        var result = Run(Fixture("misbehave.wat"), name: mode, limits: limits);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(trap, result.Trap);
        Assert.False(string.IsNullOrEmpty(result.Error));
        if (mode == "xit") Assert.Contains("exited with code 3", result.Error);
        if (mode == "bad") Assert.Contains("not valid JSON", result.Error);
    }

    [Fact]
    public void An_endless_loop_runs_out_of_fuel_and_reports_the_fuel_used()
    {
        var result = Run(Fixture("misbehave.wat"), name: "spin", limits: new FunctionLimits { Fuel = 50_000 });

        Assert.Equal(FunctionOutcome.OutOfFuel, result.Outcome);
        Assert.Equal(50_000, result.FuelConsumed);
    }

    [Fact]
    public void Fuel_used_is_reported_even_without_a_fuel_limit()
    {
        var metered = Run(Fixture("hello.wat"));

        Assert.Equal(FunctionOutcome.Success, metered.Outcome);
        Assert.InRange(metered.FuelConsumed, 1, 1_000_000);
        var limited = Run(Fixture("hello.wat"), limits: new FunctionLimits { Fuel = 1_000_000 });
        Assert.Equal(metered.FuelConsumed, limited.FuelConsumed);
    }

    [Fact]
    public void An_engine_without_metering_reports_no_fuel_used()
    {
        var engine = new Engine(new Config());
        var module = Module.FromFile(engine, TestPaths.TestSource(Path.Combine("Functions", "Fixtures", "hello.wat")));

        var result = new FunctionHost(engine).Invoke(
            new FunctionInvocation(module, "test", 1, FunctionMode.Json, Request(), new Dictionary<string, string>(), new FunctionLimits()));

        Assert.Equal(FunctionOutcome.Success, result.Outcome);
        Assert.Equal(0, result.FuelConsumed);
    }

    [Fact]
    public void A_module_without_start_is_reported_not_thrown()
    {
        var result = Run(Module.FromText(Engine, "lib", "(module (func (export \"f\")))"));

        Assert.Equal(FunctionOutcome.Trap, result.Outcome);
        Assert.Contains("_start", result.Error);
    }
}
