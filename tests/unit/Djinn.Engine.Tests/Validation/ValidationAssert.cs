using Djinn.Engine.Model;
using Djinn.Engine.Validation;
using Xunit;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Assertions on <see cref="ModuleValidator"/> results.</summary>
internal static class ValidationAssert
{
    /// <summary>Asserts the module validates.</summary>
    public static void Valid(ModuleBuilder builder) => ModuleValidator.Validate(builder.Module);

    /// <summary>
    /// Asserts the module is invalid with a cause starting with <paramref name="cause"/> (the spec suite's
    /// prefix convention) and returns the exception.
    /// </summary>
    public static ValidationException Invalid(ModuleBuilder builder, string cause)
    {
        var ex = Assert.Throws<ValidationException>(() => ModuleValidator.Validate(builder.Module));
        Assert.StartsWith(cause, ex.Cause, StringComparison.Ordinal);
        return ex;
    }

    /// <summary>Asserts a function-body error located at instruction <paramref name="position"/> of defined function <paramref name="definedIndex"/>.</summary>
    public static void InvalidAt(ModuleBuilder builder, string cause, int definedIndex, int position)
    {
        var ex = Invalid(builder, cause);
        Assert.Equal(builder.Module.ImportedFunctionCount + definedIndex, ex.FunctionIndex);
        Assert.Equal(ModuleBuilder.OffsetOf(definedIndex, position), ex.InstructionOffset);
    }

    /// <summary>Asserts a module-level error (no function, no offset).</summary>
    public static void InvalidModule(ModuleBuilder builder, string cause)
    {
        var ex = Invalid(builder, cause);
        Assert.Equal(-1, ex.FunctionIndex);
        Assert.Equal(-1, ex.InstructionOffset);
    }

    /// <summary>A one-function module [<paramref name="parameters"/>] -> [<paramref name="results"/>].</summary>
    public static ModuleBuilder Single(ValueKind[] parameters, ValueKind[] results, params Instruction[] code)
    {
        var builder = new ModuleBuilder();
        builder.Func(parameters, results, code);
        return builder;
    }
}
