namespace Djinn.Engine;

/// <summary>
/// A WebAssembly value type, numbered by its binary encoding
/// (https://webassembly.github.io/spec/core/binary/types.html#value-types).
/// </summary>
public enum ValueKind : byte
{
    /// <summary>32-bit integer.</summary>
    I32 = 0x7F,
    /// <summary>64-bit integer.</summary>
    I64 = 0x7E,
    /// <summary>32-bit IEEE 754 float.</summary>
    F32 = 0x7D,
    /// <summary>64-bit IEEE 754 float.</summary>
    F64 = 0x7C,
    /// <summary>128-bit vector.</summary>
    V128 = 0x7B,
    /// <summary>Reference to a function, or null.</summary>
    FuncRef = 0x70,
    /// <summary>Opaque reference to a host value, or null.</summary>
    ExternRef = 0x6F,
}

/// <summary>Helpers on <see cref="ValueKind"/>.</summary>
public static class ValueKindExtensions
{
    /// <summary>True for funcref and externref.</summary>
    public static bool IsReference(this ValueKind kind) => kind is ValueKind.FuncRef or ValueKind.ExternRef;

    /// <summary>True when the byte is a valid value type encoding.</summary>
    public static bool IsValueKind(byte b) => b is 0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F;

    /// <summary>The text-format name: i32, i64, f32, f64, v128, funcref, externref.</summary>
    public static string ToText(this ValueKind kind) => kind switch
    {
        ValueKind.I32 => "i32",
        ValueKind.I64 => "i64",
        ValueKind.F32 => "f32",
        ValueKind.F64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => $"0x{(byte)kind:x2}",
    };
}

/// <summary>The kind of an import or export (https://webassembly.github.io/spec/core/binary/modules.html#import-section).</summary>
public enum ExternKind : byte
{
    /// <summary>A function.</summary>
    Function = 0,
    /// <summary>A table.</summary>
    Table = 1,
    /// <summary>A linear memory.</summary>
    Memory = 2,
    /// <summary>A global.</summary>
    Global = 3,
}
