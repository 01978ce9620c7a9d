namespace Djinn.Engine.Functions;

/// <summary>How a function exchanges data with its caller.</summary>
public enum FunctionMode
{
    /// <summary>The JSON contract: a request object on stdin, a response object on stdout (ARCHITECTURE.md, "Function contract").</summary>
    Json,
    /// <summary>The request body on stdin, the response body on stdout.</summary>
    Raw,
}

/// <summary>An HTTP request as the function host sees it. <see cref="Path"/> is the part after the function's route.</summary>
public sealed record FunctionRequest(
    string Method,
    string Uri,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string[]> Headers,
    ReadOnlyMemory<byte> Body,
    string? RemoteAddress = null,
    string? TraceId = null);

/// <summary>A function's response.</summary>
public sealed record FunctionResponse(int Status, IReadOnlyDictionary<string, string[]> Headers, byte[] Body);

/// <summary>The limits of one invocation.</summary>
public sealed record FunctionLimits
{
    /// <summary>Wall-clock deadline; the guest traps with <see cref="TrapCode.Timeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Total linear memory.</summary>
    public long MemoryBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Instruction budget, or null for none (metering needs an engine with <see cref="Config.ConsumeFuel"/>).</summary>
    public long? Fuel { get; init; }

    /// <summary>Bytes the guest may write to stdout (the response).</summary>
    public long MaxStdoutBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Bytes the guest may write to stderr (its log).</summary>
    public long MaxStderrBytes { get; init; } = 1024 * 1024;
}

/// <summary>Everything needed to run one request: the compiled module, how to call it, its environment and limits.</summary>
public sealed record FunctionInvocation(
    Module Module,
    string FunctionName,
    int Version,
    FunctionMode Mode,
    FunctionRequest Request,
    IReadOnlyDictionary<string, string> Environment,
    FunctionLimits Limits);

/// <summary>How an invocation ended.</summary>
public enum FunctionOutcome
{
    /// <summary>A valid response.</summary>
    Success,
    /// <summary>The guest trapped (or exited with a non-zero code).</summary>
    Trap,
    /// <summary>The deadline passed.</summary>
    Timeout,
    /// <summary>The fuel ran out.</summary>
    OutOfFuel,
    /// <summary>The guest's output is not a valid contract response.</summary>
    BadResponse,
}

/// <summary>The result of an invocation, with what telemetry needs.</summary>
public sealed record InvocationResult(
    FunctionOutcome Outcome,
    FunctionResponse? Response,
    TrapCode? Trap,
    string? Error,
    IReadOnlyList<string> LogLines,
    TimeSpan Duration,
    long FuelConsumed,
    long MemoryBytes);
