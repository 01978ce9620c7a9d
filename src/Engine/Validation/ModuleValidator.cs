using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>Validates a decoded module (https://webassembly.github.io/spec/core/valid/).</summary>
internal static class ModuleValidator
{
    /// <summary>Throws <see cref="ValidationException"/> on the first problem.</summary>
    public static void Validate(ModuleDefinition module) { _ = module; }
}
