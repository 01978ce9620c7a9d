using System.Diagnostics.CodeAnalysis;
using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>
/// Validates a decoded module (https://webassembly.github.io/spec/core/valid/modules.html#valid-module).
/// Module-level components are checked first, then every function body in one pass each.
/// </summary>
internal static partial class ModuleValidator
{
    /// <summary>Largest memory size in pages (https://webassembly.github.io/spec/core/valid/types.html#memory-types).</summary>
    private const uint MaxPages = 65536;

    /// <summary>Throws <see cref="ValidationException"/> on the first problem.</summary>
    public static void Validate(ModuleDefinition module)
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckShape(module);

        var context = new ValidationContext(module);
        CheckImports(module, context);
        CheckFunctionTypes(module, context);
        foreach (var table in module.Tables) CheckTableType(table);
        foreach (var memory in module.Memories) CheckMemoryType(memory);
        if (context.MemoryCount > 1) Fail("multiple memories");

        CollectRefs(module, context);
        CheckGlobals(module, context);
        CheckElements(module, context);
        CheckData(module, context);
        CheckStart(module, context);
        CheckExports(module, context);

        ValidateBodies(module, context);
    }

    /// <summary>Throws a module-level <see cref="ValidationException"/>.</summary>
    [DoesNotReturn]
    internal static void Fail(string cause) => throw new ValidationException(-1, -1, cause);

    /// <summary>Guards against a producer (decoder or text parser) handing over inconsistent index spaces.</summary>
    private static void CheckShape(ModuleDefinition module)
    {
        int functions = 0, tables = 0, memories = 0, globals = 0;
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function: functions++; break;
                case ExternKind.Table: tables++; break;
                case ExternKind.Memory: memories++; break;
                case ExternKind.Global: globals++; break;
            }
        }

        if (functions != module.ImportedFunctionCount || tables != module.ImportedTableCount ||
            memories != module.ImportedMemoryCount || globals != module.ImportedGlobalCount)
        {
            throw new InvalidOperationException("ModuleDefinition import counts disagree with its import list.");
        }

        if (module.Functions.Count != module.Bodies.Count)
        {
            Fail("function and code section have inconsistent lengths");
        }
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#imports
    private static void CheckImports(ModuleDefinition module, ValidationContext context)
    {
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    if (import.FunctionTypeIndex >= (uint)context.TypeCount) Fail($"unknown type {import.FunctionTypeIndex}");
                    break;
                case ExternKind.Table:
                    CheckTableType(import.Table);
                    break;
                case ExternKind.Memory:
                    CheckMemoryType(import.Memory);
                    break;
            }
        }
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#functions
    private static void CheckFunctionTypes(ModuleDefinition module, ValidationContext context)
    {
        foreach (uint typeIndex in module.Functions)
        {
            if (typeIndex >= (uint)context.TypeCount) Fail($"unknown type {typeIndex}");
        }
    }

    // https://webassembly.github.io/spec/core/valid/types.html#table-types
    private static void CheckTableType(TableType table)
    {
        if (!table.ElementType.IsReference()) Fail("malformed reference type");
        CheckLimits(table.Limits, uint.MaxValue, "table size must be at most 2^32-1");
    }

    // https://webassembly.github.io/spec/core/valid/types.html#memory-types
    private static void CheckMemoryType(MemoryType memory) =>
        CheckLimits(memory.Limits, MaxPages, "memory size must be at most 65536 pages (4GiB)");

    // https://webassembly.github.io/spec/core/valid/types.html#limits
    private static void CheckLimits(Limits limits, uint range, string rangeMessage)
    {
        if (limits.Min > range) Fail(rangeMessage);
        if (limits.Max is not { } max) return;
        if (max > range) Fail(rangeMessage);
        if (limits.Min > max) Fail("size minimum must not be greater than maximum");
    }

    /// <summary>
    /// C.refs: function indices occurring in the module outside function bodies and the start section
    /// (https://webassembly.github.io/spec/core/valid/modules.html#valid-module).
    /// </summary>
    private static void CollectRefs(ModuleDefinition module, ValidationContext context) => CollectRefs(module, context.Refs);

    /// <summary>Marks C.refs in <paramref name="refs"/> (indexed by function index): the functions that can be referenced as values.</summary>
    public static void CollectRefs(ModuleDefinition module, bool[] refs)
    {
        foreach (var global in module.Globals) ConstExpressionValidator.CollectRefs(global.Init, refs);
        foreach (var segment in module.Elements)
        {
            ConstExpressionValidator.CollectRefs(segment.Offset, refs);
            foreach (var item in segment.Items) ConstExpressionValidator.CollectRefs(item, refs);
        }

        foreach (var segment in module.Data) ConstExpressionValidator.CollectRefs(segment.Offset, refs);
        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternKind.Function && export.Index < (uint)refs.Length) refs[export.Index] = true;
        }
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#globals
    private static void CheckGlobals(ModuleDefinition module, ValidationContext context)
    {
        foreach (var global in module.Globals)
        {
            ConstExpressionValidator.Check(context, global.Init, global.Type.ValueType);
        }
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#element-segments
    private static void CheckElements(ModuleDefinition module, ValidationContext context)
    {
        foreach (var segment in module.Elements)
        {
            if (!segment.ElementType.IsReference()) Fail("malformed reference type");
            foreach (var item in segment.Items) ConstExpressionValidator.Check(context, item, segment.ElementType);
            if (segment.Mode != SegmentMode.Active) continue;

            if (segment.TableIndex >= (uint)context.Tables.Length) Fail($"unknown table {segment.TableIndex}");
            ConstExpressionValidator.Check(context, segment.Offset, ValueKind.I32);
            if (context.Tables[segment.TableIndex].ElementType != segment.ElementType) Fail("type mismatch");
        }
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#data-segments
    private static void CheckData(ModuleDefinition module, ValidationContext context)
    {
        foreach (var segment in module.Data)
        {
            if (segment.Mode != SegmentMode.Active) continue;
            if (segment.MemoryIndex >= (uint)context.MemoryCount) Fail($"unknown memory {segment.MemoryIndex}");
            ConstExpressionValidator.Check(context, segment.Offset, ValueKind.I32);
        }
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#start-function
    private static void CheckStart(ModuleDefinition module, ValidationContext context)
    {
        if (module.StartFunction is not { } start) return;
        if (start >= (uint)context.FunctionTypes.Length) Fail($"unknown function {start}");
        uint type = context.FunctionTypes[start];
        if (context.TypeParams[type].Length != 0 || context.TypeResults[type].Length != 0) Fail("start function");
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#exports
    private static void CheckExports(ModuleDefinition module, ValidationContext context)
    {
        var names = new HashSet<string>(module.Exports.Count, StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            switch (export.Kind)
            {
                case ExternKind.Function:
                    if (export.Index >= (uint)context.FunctionTypes.Length) Fail($"unknown function {export.Index}");
                    break;
                case ExternKind.Table:
                    if (export.Index >= (uint)context.Tables.Length) Fail($"unknown table {export.Index}");
                    break;
                case ExternKind.Memory:
                    if (export.Index >= (uint)context.MemoryCount) Fail($"unknown memory {export.Index}");
                    break;
                case ExternKind.Global:
                    if (export.Index >= (uint)context.Globals.Length) Fail($"unknown global {export.Index}");
                    break;
            }

            if (!names.Add(export.Name)) Fail("duplicate export name");
        }
    }
}
