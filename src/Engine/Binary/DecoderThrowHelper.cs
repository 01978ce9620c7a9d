using System.Diagnostics.CodeAnalysis;

namespace Djinn.Engine.Binary;

/// <summary>
/// Throws the decoder's <see cref="ModuleParseException"/> out of line, so the hot readers stay small enough to inline.
/// </summary>
internal static class DecoderThrowHelper
{
    /// <summary>Throws a <see cref="ModuleParseException"/> at <paramref name="offset"/> with the spec suite's wording.</summary>
    [DoesNotReturn]
    public static void Throw(int offset, string cause) => throw new ModuleParseException(offset, cause);

    /// <summary>Creates the exception, for <c>throw</c> expressions on cold paths.</summary>
    public static ModuleParseException Create(int offset, string cause) => new(offset, cause);

}
