namespace Djinn.Engine;

/// <summary>Why a guest stopped abnormally.</summary>
public enum TrapCode
{
    /// <summary>The <c>unreachable</c> instruction ran.</summary>
    Unreachable,
    /// <summary>A load, store or bulk memory operation was out of bounds.</summary>
    MemoryOutOfBounds,
    /// <summary>A table access or bulk table operation was out of bounds.</summary>
    TableOutOfBounds,
    /// <summary>call_indirect found a null element.</summary>
    IndirectCallToNull,
    /// <summary>call_indirect found a function of the wrong type.</summary>
    BadSignature,
    /// <summary>Signed integer division overflow (INT_MIN / -1).</summary>
    IntegerOverflow,
    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivisionByZero,
    /// <summary>A trapping float-to-int conversion got NaN or an out-of-range value.</summary>
    BadConversionToInteger,
    /// <summary>The call stack limit was reached.</summary>
    CallStackExhausted,
    /// <summary>The fuel budget ran out.</summary>
    OutOfFuel,
    /// <summary>The deadline passed.</summary>
    Timeout,
    /// <summary>A host function failed.</summary>
    HostError,
    /// <summary>The guest called proc_exit; not an error in itself (see <see cref="TrapException.ExitCode"/>).</summary>
    Exit,
    /// <summary>The guest wrote more to stdout or stderr than its output limit allows.</summary>
    OutputLimitExceeded,
}

/// <summary>A guest trapped. The host turns this into an error result, never a crash.</summary>
public sealed class TrapException : WasmException
{
    /// <summary>Creates a trap with the spec suite's message for <paramref name="code"/>.</summary>
    public TrapException(TrapCode code, string? message = null, Exception? inner = null)
        : base(message ?? DefaultMessage(code), inner)
    {
        Code = code;
    }

    /// <summary>The trap code.</summary>
    public TrapCode Code { get; }

    /// <summary>The exit code when <see cref="Code"/> is <see cref="TrapCode.Exit"/>.</summary>
    public int ExitCode { get; init; }

    /// <summary>The message the WebAssembly spec test suite uses for each trap.</summary>
    public static string DefaultMessage(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.IndirectCallToNull => "uninitialized element",
        TrapCode.BadSignature => "indirect call type mismatch",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.IntegerDivisionByZero => "integer divide by zero",
        TrapCode.BadConversionToInteger => "invalid conversion to integer",
        TrapCode.CallStackExhausted => "call stack exhausted",
        TrapCode.OutOfFuel => "all fuel consumed",
        TrapCode.Timeout => "deadline exceeded",
        TrapCode.HostError => "host function failed",
        TrapCode.Exit => "exit",
        TrapCode.OutputLimitExceeded => "output limit exceeded",
        _ => code.ToString(),
    };
}
