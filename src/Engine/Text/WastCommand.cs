namespace Djinn.Engine.Text;

// The command model of a WAST script (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts).
// The parser produces these; the spec runner (src/Cli) executes them against the public API.

/// <summary>One top-level command of a script, with its 1-based source line.</summary>
internal abstract record WastCommand(int Line);

/// <summary>How a module is given in a script.</summary>
internal enum WastModuleKind
{
    /// <summary>A text module, already encoded to binary by the parser.</summary>
    Text,
    /// <summary><c>(module binary "...")</c>: raw bytes that may not decode.</summary>
    Binary,
    /// <summary><c>(module quote "...")</c>: text to parse at run time, which may be malformed.</summary>
    Quote,
}

/// <summary>A module in a script. <see cref="Bytes"/> is set for Text and Binary; <see cref="QuotedText"/> for Quote.</summary>
internal sealed record WastModule(WastModuleKind Kind, string? Name, byte[]? Bytes, string? QuotedText);

/// <summary><c>(module ...)</c>: compile and instantiate; becomes the current module.</summary>
internal sealed record ModuleCommand(int Line, WastModule Module) : WastCommand(Line);

/// <summary><c>(register "name" $module?)</c>: make a module's exports importable under a name.</summary>
internal sealed record RegisterCommand(int Line, string As, string? ModuleName) : WastCommand(Line);

/// <summary>A bare action at top level.</summary>
internal sealed record ActionCommand(int Line, WastAction Action) : WastCommand(Line);

/// <summary><c>(assert_return action expected*)</c>.</summary>
internal sealed record AssertReturnCommand(int Line, WastAction Action, WastExpected[] Expected) : WastCommand(Line);

/// <summary><c>(assert_trap action "msg")</c> or <c>(assert_trap (module ...) "msg")</c> (one of Action or Module is set).</summary>
internal sealed record AssertTrapCommand(int Line, WastAction? Action, WastModule? Module, string Message) : WastCommand(Line);

/// <summary><c>(assert_exhaustion action "msg")</c>.</summary>
internal sealed record AssertExhaustionCommand(int Line, WastAction Action, string Message) : WastCommand(Line);

/// <summary><c>(assert_malformed module "msg")</c>, <c>assert_invalid</c>, <c>assert_unlinkable</c>, <c>assert_uninstantiable</c>.</summary>
internal sealed record AssertModuleCommand(int Line, WastAssertKind Kind, WastModule Module, string Message) : WastCommand(Line);

/// <summary>Which module assertion.</summary>
internal enum WastAssertKind { Malformed, Invalid, Unlinkable, Uninstantiable }

/// <summary><c>(invoke $m? "name" const*)</c> or <c>(get $m? "name")</c>.</summary>
internal sealed record WastAction(bool IsGet, string? ModuleName, string Name, WastValue[] Arguments);

/// <summary>
/// A constant argument: <see cref="Kind"/> with raw bits (<see cref="Low"/>, and <see cref="High"/> for v128).
/// For references: <see cref="IsNull"/>, or for externref the host reference number in <see cref="Low"/>.
/// </summary>
internal sealed record WastValue(ValueKind Kind, ulong Low, ulong High = 0, bool IsNull = false);

/// <summary>How a result is matched.</summary>
internal enum WastExpectedKind
{
    /// <summary>Bit-exact (numbers), or the null / extern reference in <see cref="WastExpected.Value"/>.</summary>
    Exact,
    /// <summary>nan:canonical.</summary>
    CanonicalNan,
    /// <summary>nan:arithmetic.</summary>
    ArithmeticNan,
    /// <summary>(ref.func): any non-null funcref.</summary>
    AnyFuncRef,
    /// <summary>(ref.extern): any non-null externref.</summary>
    AnyExternRef,
    /// <summary>v128 with per-lane patterns in <see cref="WastExpected.Lanes"/>.</summary>
    Lanes,
}

/// <summary>
/// An expected result. For <see cref="WastExpectedKind.Lanes"/>, <see cref="LaneShape"/> is the lane type
/// (I8..F64 as "i8x16", "f32x4", ...) and <see cref="Lanes"/> holds one pattern per lane (each Exact with bits in Value.Low, or a NaN kind).
/// </summary>
internal sealed record WastExpected(WastExpectedKind Kind, WastValue? Value, ValueKind Type, string? LaneShape = null, WastExpected[]? Lanes = null);
