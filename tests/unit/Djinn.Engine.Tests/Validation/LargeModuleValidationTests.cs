using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Validation.ValidationAssert;
using static Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Large modules: many bodies (validated in parallel) and long bodies.</summary>
public sealed class LargeModuleValidationTests
{
    private static Instruction[] Chain(int length)
    {
        var code = new Instruction[2 * length + 1];
        code[0] = Op.I32(0);
        for (int i = 0; i < length; i++)
        {
            code[1 + 2 * i] = Op.LocalGet(0);
            code[2 + 2 * i] = Op.Of(Opcode.I32Add);
        }
        return code;
    }

    [Fact]
    public void ManyBodiesValidate()
    {
        var builder = new ModuleBuilder();
        for (int f = 0; f < 400; f++) builder.Func([I32], [I32], Chain(1000));
        Valid(builder);
    }

    [Fact]
    public void ManyBodiesReportTheLowestInvalidFunction()
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var builder = new ModuleBuilder();
            builder.ImportFunc(builder.Type([], []));
            for (int f = 0; f < 400; f++)
            {
                var code = Chain(1000);
                if (f is 37 or 38 or 390) code[500] = Op.I64(1); // replaces an i32.add; the next i32.add fails
                builder.Func([I32], [I32], code);
            }

            var ex = Invalid(builder, "type mismatch");
            Assert.Equal(1 + 37, ex.FunctionIndex);
            Assert.Equal(ModuleBuilder.OffsetOf(37, 502), ex.InstructionOffset);
        }
    }

    [Fact]
    public void LongAndDeepBodyValidates()
    {
        // A long straight-line chain and 50k nested blocks exercise the growth of both stacks.
        var code = new List<Instruction>(Chain(100_000));
        for (int i = 0; i < 50_000; i++) code.Add(Op.Block(I32));
        code.Add(Op.I32(1));
        for (int i = 0; i < 50_000; i++) code.Add(Op.End);
        code.Add(Op.Of(Opcode.I32Add));
        Valid(Single([I32], [I32], [.. code]));
    }
}
