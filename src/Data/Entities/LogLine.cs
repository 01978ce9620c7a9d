namespace Djinn.Data.Entities;

/// <summary>One line a guest wrote to stderr during an invocation. Stored per function with retention.</summary>
public sealed class LogLine
{
    /// <summary>Maximum stored length of <see cref="Text"/>, in characters; longer lines are truncated.</summary>
    public const int MaxTextLength = 8192;

    /// <summary>Surrogate key; increases with time, so it orders lines.</summary>
    public long Id { get; set; }

    /// <summary>The function that wrote the line.</summary>
    public int FunctionId { get; set; }

    /// <summary>The version that ran.</summary>
    public int Version { get; set; }

    /// <summary>The invocation that wrote the line.</summary>
    public string InvocationId { get; set; } = "";

    /// <summary>Zero-based position of the line within its invocation.</summary>
    public int Index { get; set; }

    /// <summary>When the invocation finished (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The line as the guest wrote it (without the newline), truncated to <see cref="MaxTextLength"/>.</summary>
    public string Text { get; set; } = "";
}
