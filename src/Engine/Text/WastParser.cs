namespace Djinn.Engine.Text;

/// <summary>Parses a WAST script into commands.</summary>
internal static class WastParser
{
    /// <summary>Parses the whole script; throws <see cref="TextParseException"/> for malformed script syntax.</summary>
    public static List<WastCommand> Parse(string text) => throw new TextParseException(1, 1, "wast parser pending");
}
