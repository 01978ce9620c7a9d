using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>
/// Checks constant expressions: global initializers, segment offsets and element items
/// (https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions).
/// </summary>
internal static class ConstExpressionValidator
{
    /// <summary>
    /// Throws unless <paramref name="expression"/> is constant and has type [] -> [<paramref name="expected"/>].
    /// As in the reference interpreter, constness is checked for every instruction before the result type.
    /// </summary>
    public static void Check(ValidationContext context, Instruction[]? expression, ValueKind expected)
    {
        if (expression is null || expression.Length == 0) ModuleValidator.Fail("constant expression required");

        int count = 0;
        ValueKind last = 0;
        bool ended = false;
        for (int i = 0; i < expression.Length; i++)
        {
            ref readonly var ins = ref expression[i];
            if (ended) ModuleValidator.Fail("constant expression required");
            switch (ins.Opcode)
            {
                case Opcode.End:
                    ended = true;
                    continue;
                case Opcode.I32Const: last = ValueKind.I32; break;
                case Opcode.I64Const: last = ValueKind.I64; break;
                case Opcode.F32Const: last = ValueKind.F32; break;
                case Opcode.F64Const: last = ValueKind.F64; break;
                case Opcode.V128Const: last = ValueKind.V128; break;
                case Opcode.RefNull:
                    last = (ValueKind)ins.A;
                    if (!last.IsReference()) ModuleValidator.Fail("malformed reference type");
                    break;
                case Opcode.RefFunc:
                    if (ins.A >= (uint)context.FunctionTypes.Length) ModuleValidator.Fail($"unknown function {ins.A}");
                    last = ValueKind.FuncRef;
                    break;
                case Opcode.GlobalGet:
                    // Wasm 2.0: constant expressions may only read imported globals, and only immutable ones.
                    if (ins.A >= (uint)context.ImportedGlobalCount) ModuleValidator.Fail($"unknown global {ins.A}");
                    var global = context.Globals[ins.A];
                    if (global.Mutable) ModuleValidator.Fail("constant expression required");
                    last = global.ValueType;
                    break;
                default:
                    ModuleValidator.Fail("constant expression required");
                    break;
            }
            count++;
        }

        if (!ended) ModuleValidator.Fail("constant expression required");
        if (count != 1 || last != expected) ModuleValidator.Fail("type mismatch");
    }

    /// <summary>Marks every <c>ref.func</c> target of <paramref name="expression"/> in <paramref name="refs"/>.</summary>
    public static void CollectRefs(Instruction[]? expression, bool[] refs)
    {
        if (expression is null) return;
        foreach (ref readonly var ins in expression.AsSpan())
        {
            if (ins.Opcode == Opcode.RefFunc && ins.A < (uint)refs.Length) refs[ins.A] = true;
        }
    }
}
