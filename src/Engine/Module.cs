using Djinn.Engine.Binary;
using Djinn.Engine.Compilation;
using Djinn.Engine.Model;
using Djinn.Engine.Text;
using Djinn.Engine.Validation;

namespace Djinn.Engine;

/// <summary>
/// A decoded, validated and compiled module. Compile once, instantiate many times:
/// instantiation never recompiles.
/// </summary>
public sealed class Module
{
    private Module(Engine engine, string name, ModuleDefinition definition, CompiledModule compiled)
    {
        Engine = engine;
        Name = name;
        Definition = definition;
        Compiled = compiled;
        Imports = definition.Imports.Select(i => new ImportDescriptor(i.Module, i.Name, i.Kind, DescribeImport(definition, i))).ToArray();
        Exports = definition.Exports.Select(e => new ExportDescriptor(e.Name, e.Kind, DescribeExport(definition, e))).ToArray();
        var byName = new Dictionary<string, Export>(definition.Exports.Count, StringComparer.Ordinal);
        foreach (var export in definition.Exports) byName[export.Name] = export;
        ExportsByName = byName;
    }

    /// <summary>The engine that compiled it.</summary>
    public Engine Engine { get; }

    /// <summary>A name for diagnostics.</summary>
    public string Name { get; }

    /// <summary>What the module imports.</summary>
    public IReadOnlyList<ImportDescriptor> Imports { get; }

    /// <summary>What the module exports.</summary>
    public IReadOnlyList<ExportDescriptor> Exports { get; }

    internal ModuleDefinition Definition { get; }

    /// <summary>The export entries by name (names are unique in a valid module; otherwise the last one counts).</summary>
    internal IReadOnlyDictionary<string, Export> ExportsByName { get; }

    internal CompiledModule Compiled { get; }

    /// <summary>Decodes, validates and compiles a binary module.</summary>
    /// <exception cref="ModuleParseException">The binary is malformed.</exception>
    /// <exception cref="ValidationException">The module is invalid.</exception>
    public static Module FromBytes(Engine engine, string name, ReadOnlySpan<byte> bytes)
    {
        return FromDefinition(engine, name, DecodeAndValidate(bytes));
    }

    /// <summary>Compiles an already decoded and validated module.</summary>
    internal static Module FromDefinition(Engine engine, string name, ModuleDefinition definition) =>
        new(engine, name, definition, ModuleCompiler.Compile(definition, engine.Config, name));

    /// <summary>Parses WebAssembly text (WAT), then decodes, validates and compiles it.</summary>
    /// <exception cref="TextParseException">The text is malformed.</exception>
    public static Module FromText(Engine engine, string name, string text) => FromBytes(engine, name, WatParser.ParseModule(text));

    /// <summary>Loads a <c>.wasm</c> or <c>.wat</c> file (recognized by the binary magic, not the extension).</summary>
    public static Module FromFile(Engine engine, string path)
    {
        var bytes = File.ReadAllBytes(path);
        return IsBinary(bytes)
            ? FromBytes(engine, Path.GetFileName(path), bytes)
            : FromText(engine, Path.GetFileName(path), System.Text.Encoding.UTF8.GetString(bytes));
    }

    /// <summary>True when <paramref name="bytes"/> start with the binary magic <c>\0asm</c>.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m';

    /// <summary>Decodes and validates without compiling; throws on the first problem.</summary>
    public static void Validate(Engine engine, ReadOnlySpan<byte> bytes)
    {
        _ = engine;
        DecodeAndValidate(bytes);
    }

    private static ModuleDefinition DecodeAndValidate(ReadOnlySpan<byte> bytes)
    {
        var definition = ModuleDecoder.Decode(bytes);
        ModuleValidator.Validate(definition);
        return definition;
    }

    private static string DescribeImport(ModuleDefinition m, Import i) => i.Kind switch
    {
        ExternKind.Function => i.FunctionTypeIndex < m.Types.Count ? m.Types[(int)i.FunctionTypeIndex].ToString() : "?",
        ExternKind.Table => $"{i.Table.ElementType.ToText()} {Describe(i.Table.Limits)}",
        ExternKind.Memory => Describe(i.Memory.Limits),
        _ => (i.Global.Mutable ? "mut " : "") + i.Global.ValueType.ToText(),
    };

    private static string DescribeExport(ModuleDefinition m, Export e) => e.Kind switch
    {
        ExternKind.Function => m.GetFunctionType(e.Index).ToString(),
        ExternKind.Table => $"{m.GetTableType(e.Index).ElementType.ToText()} {Describe(m.GetTableType(e.Index).Limits)}",
        ExternKind.Memory => Describe(m.GetMemoryType(e.Index).Limits),
        _ => (m.GetGlobalType(e.Index).Mutable ? "mut " : "") + m.GetGlobalType(e.Index).ValueType.ToText(),
    };

    private static string Describe(Limits l) => l.Max is null ? $"{l.Min}" : $"{l.Min}..{l.Max}";
}

/// <summary>One import of a module, with a readable type (e.g. <c>[i32 i32] -> [i32]</c>).</summary>
public sealed record ImportDescriptor(string ModuleName, string Name, ExternKind Kind, string Type);

/// <summary>One export of a module, with a readable type.</summary>
public sealed record ExportDescriptor(string Name, ExternKind Kind, string Type);
