using Djinn.Engine.Model;

namespace Djinn.Engine.Runtime;

/// <summary>
/// Module instantiation (https://webassembly.github.io/spec/core/exec/modules.html#instantiation): checks imports,
/// allocates memories, tables and globals, applies active segments in order (a trap leaves earlier writes in place),
/// then runs the start function. Never compiles anything.
/// </summary>
internal static class Instantiator
{
    public static Instance Instantiate(Store store, Module module, object[] imports, Action<Instance> beforeStart)
    {
        var def = module.Definition;
        var state = module.Compiled.CreateState();
        state.Budget = store.Budget;
        store.Budget.Attach(state);
        state.Functions = new Function?[def.TotalFunctionCount];
        state.Memories = new Memory[def.TotalMemoryCount];
        state.Tables = new Table[def.TotalTableCount];
        state.Globals = new Global[def.TotalGlobalCount];
        ResolveImports(def, imports, state);

        for (int i = 0; i < def.Memories.Count; i++)
            state.Memories[def.ImportedMemoryCount + i] = new Memory(def.Memories[i], store.MemoryAccount);
        for (int i = 0; i < def.Tables.Count; i++)
            state.Tables[def.ImportedTableCount + i] = new Table(def.Tables[i], null);
        for (int i = 0; i < def.Globals.Count; i++)
        {
            var global = new Global(def.Globals[i].Type);
            var value = ConstantExpression.Evaluate(def.Globals[i].Init, state);
            global.Bits = value.Bits;
            global.HighBits = value.HighBits;
            global.Ref = value.Ref;
            state.Globals[def.ImportedGlobalCount + i] = global;
        }
        state.BindFields();

        var instance = new Instance(module, store, state);
        InitializeSegments(def, state);
        beforeStart(instance);
        if (def.StartFunction is { } start) state.GetFunction((int)start).Invoke();
        return instance;
    }

    private static void ResolveImports(ModuleDefinition def, object[] imports, InstanceContext state)
    {
        int f = 0, t = 0, m = 0, g = 0;
        for (int i = 0; i < def.Imports.Count; i++)
        {
            var import = def.Imports[i];
            var item = imports[i];
            string where = $"{import.Module}.{import.Name}";
            switch (import.Kind)
            {
                case ExternKind.Function when item is Function function:
                    var expected = def.Types[(int)import.FunctionTypeIndex];
                    if (!function.Type.Equals(expected))
                        throw new LinkException($"incompatible import type for {where}: expected function {expected}, got {function.Type}");
                    state.Functions[f++] = function;
                    break;
                case ExternKind.Table when item is Table table:
                    var actualTable = new Limits(table.Size, table.Type.Limits.Max);
                    if (table.ElementType != import.Table.ElementType || !actualTable.IsSubtypeOf(import.Table.Limits))
                        throw new LinkException($"incompatible import type for {where}: table limits or element type do not match");
                    state.Tables[t++] = table;
                    break;
                case ExternKind.Memory when item is Memory memory:
                    var actualMemory = new Limits(memory.Pages, memory.MaximumPages);
                    if (!actualMemory.IsSubtypeOf(import.Memory.Limits))
                        throw new LinkException($"incompatible import type for {where}: memory limits do not match");
                    state.Memories[m++] = memory;
                    break;
                case ExternKind.Global when item is Global global:
                    if (global.Type != import.Global)
                        throw new LinkException($"incompatible import type for {where}: global type does not match");
                    state.Globals[g++] = global;
                    break;
                default:
                    throw new LinkException($"incompatible import type for {where}: expected a {import.Kind.ToString().ToLowerInvariant()}, got {item.GetType().Name}");
            }
        }
    }

    private static void InitializeSegments(ModuleDefinition def, InstanceContext state)
    {
        state.DataSegments = new byte[def.Data.Count][];
        for (int i = 0; i < def.Data.Count; i++)
            state.DataSegments[i] = def.Data[i].Mode == SegmentMode.Passive ? def.Data[i].Bytes : Array.Empty<byte>();
        state.ElementSegments = new object?[def.Elements.Count][];
        for (int i = 0; i < def.Elements.Count; i++) state.ElementSegments[i] = Array.Empty<object?>();

        for (int i = 0; i < def.Elements.Count; i++)
        {
            var segment = def.Elements[i];
            var items = new object?[segment.Items.Length];
            for (int k = 0; k < items.Length; k++) items[k] = ConstantExpression.Evaluate(segment.Items[k], state).Ref;
            if (segment.Mode == SegmentMode.Passive)
            {
                state.ElementSegments[i] = items;
            }
            else if (segment.Mode == SegmentMode.Active)
            {
                uint offset = (uint)ConstantExpression.Evaluate(segment.Offset!, state).Bits;
                var table = state.Tables[segment.TableIndex];
                if ((ulong)offset + (ulong)items.Length > table.Size) throw new TrapException(TrapCode.TableOutOfBounds);
                Array.Copy(items, 0, table.Elements, offset, items.Length);
            }
        }
        for (int i = 0; i < def.Data.Count; i++)
        {
            var segment = def.Data[i];
            if (segment.Mode != SegmentMode.Active) continue;
            uint offset = (uint)ConstantExpression.Evaluate(segment.Offset!, state).Bits;
            var memory = state.Memories[segment.MemoryIndex];
            segment.Bytes.CopyTo(memory.GetSpan(offset, segment.Bytes.Length)); // traps when it does not fit
        }
    }
}

/// <summary>Evaluates constant expressions (https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions).</summary>
internal static class ConstantExpression
{
    public static ConstantValue Evaluate(Instruction[] expression, InstanceContext state)
    {
        ConstantValue value = default;
        foreach (var ins in expression)
        {
            switch (ins.Opcode)
            {
                case Opcode.I32Const: value = new(ins.A, 0, null); break;
                case Opcode.F32Const: value = new(ins.A, 0, null); break;
                case Opcode.I64Const or Opcode.F64Const: value = new(ins.C, 0, null); break;
                case Opcode.V128Const: value = new(ins.C, ins.D, null); break;
                case Opcode.RefNull: value = default; break;
                case Opcode.RefFunc: value = new(0, 0, state.GetFunction((int)ins.A)); break;
                case Opcode.GlobalGet:
                    var global = state.Globals[ins.A];
                    value = new(global.Bits, global.HighBits, global.Ref);
                    break;
                case Opcode.End: return value;
                default: throw new WasmException($"constant expression contains {ins.Opcode}");
            }
        }
        return value;
    }
}

/// <summary>The value of a constant expression: numeric bits (v128 upper half in <see cref="HighBits"/>) or a reference.</summary>
internal readonly record struct ConstantValue(ulong Bits, ulong HighBits, object? Ref);
