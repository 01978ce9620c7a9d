namespace Djinn.Engine;

/// <summary>Base type of every error the engine reports about a module or a guest.</summary>
public class WasmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasmException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The binary is malformed: it does not decode (https://webassembly.github.io/spec/core/binary/).</summary>
public sealed class ModuleParseException : WasmException
{
    /// <summary>Creates the exception for a decoding failure at <paramref name="offset"/>.</summary>
    public ModuleParseException(int offset, string cause)
        : base($"malformed module at byte offset {offset} (0x{offset:x}): {cause}")
    {
        Offset = offset;
        Cause = cause;
    }

    /// <summary>Byte offset in the binary where decoding failed.</summary>
    public int Offset { get; }

    /// <summary>The cause without the position, in the spec suite's wording where there is one (e.g. "unexpected end").</summary>
    public string Cause { get; }
}

/// <summary>The text (WAT/WAST) is malformed.</summary>
public sealed class TextParseException : WasmException
{
    /// <summary>Creates the exception for a text syntax error at a line and column (1-based).</summary>
    public TextParseException(int line, int column, string cause)
        : base($"malformed text at {line}:{column}: {cause}")
    {
        Line = line;
        Column = column;
        Cause = cause;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>The cause without the position.</summary>
    public string Cause { get; }
}

/// <summary>The module decodes but is invalid (https://webassembly.github.io/spec/core/valid/).</summary>
public sealed class ValidationException : WasmException
{
    /// <summary>Creates the exception. <paramref name="functionIndex"/> is -1 for module-level errors.</summary>
    public ValidationException(int functionIndex, int instructionOffset, string cause)
        : base(functionIndex >= 0
            ? $"invalid module: function {functionIndex} at byte offset {instructionOffset} (0x{instructionOffset:x}): {cause}"
            : $"invalid module: {cause}")
    {
        FunctionIndex = functionIndex;
        InstructionOffset = instructionOffset;
        Cause = cause;
    }

    /// <summary>Index of the offending function in the function index space, or -1.</summary>
    public int FunctionIndex { get; }

    /// <summary>Byte offset of the offending instruction in the binary, or -1.</summary>
    public int InstructionOffset { get; }

    /// <summary>The cause without the position, in the spec suite's wording where there is one (e.g. "type mismatch").</summary>
    public string Cause { get; }
}

/// <summary>Instantiation would exceed a store limit (for example the memory limit).</summary>
public sealed class ResourceLimitException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public ResourceLimitException(string message) : base(message) { }
}

/// <summary>An import could not be resolved or has the wrong type.</summary>
public sealed class LinkException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public LinkException(string message) : base(message) { }
}
