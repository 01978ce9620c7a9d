namespace Djinn.Admin.Web.Telemetry;

/// <summary>One guest stderr line, as it is streamed (SSE, SignalR <c>log</c>) and listed.</summary>
/// <param name="Function">The function's name.</param>
/// <param name="Version">The version that ran.</param>
/// <param name="InvocationId">The invocation that wrote the line.</param>
/// <param name="Index">Zero-based position of the line within its invocation.</param>
/// <param name="Timestamp">When the invocation finished.</param>
/// <param name="Line">The line as the guest wrote it.</param>
public sealed record LogEvent(string Function, int Version, string InvocationId, int Index, DateTimeOffset Timestamp, string Line);
