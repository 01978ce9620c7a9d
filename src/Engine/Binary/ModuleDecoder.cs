using Djinn.Engine.Model;

namespace Djinn.Engine.Binary;

/// <summary>
/// Decodes the binary format (https://webassembly.github.io/spec/core/binary/modules.html).
/// Only binary-level well-formedness is checked here; indices and types are left to the validator.
/// Sections are read the way the reference interpreter reads them: from the module stream, then checked
/// to have consumed exactly their declared size ("section size mismatch"), which reproduces the spec suite's
/// expected causes.
/// </summary>
internal static partial class ModuleDecoder
{
    private const uint Magic = 0x6D736100; // "\0asm"
    private const uint Version = 1;

    /// <summary>Decodes a whole module; throws <see cref="ModuleParseException"/> with the byte offset and cause.</summary>
    public static ModuleDefinition Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new WasmReader(bytes);
        ReadHeader(ref r, bytes);
        var module = new ModuleDefinition();
        var state = new DecodeState();
        int lastOrder = 0;
        while (!r.AtEnd)
        {
            int idOffset = r.Position;
            byte id = r.ReadByte();
            if (id > 12) DecoderThrowHelper.Throw(idOffset, "malformed section id");
            if (id != 0)
            {
                // https://webassembly.github.io/spec/core/binary/modules.html#binary-module: each non-custom
                // section at most once, in order; anything else is content after the last section.
                int order = SectionOrder(id);
                if (order <= lastOrder) DecoderThrowHelper.Throw(idOffset, "unexpected content after last section");
                lastOrder = order;
            }
            int size = r.ReadLength();
            int start = r.Position;
            ReadSection(ref r, id, size, module, state);
            if (r.Position != start + size) DecoderThrowHelper.Throw(start, "section size mismatch");
        }
        CheckConsistency(r.Length, module, state);
        return module;
    }

    private static void ReadHeader(ref WasmReader r, ReadOnlySpan<byte> bytes)
    {
        // https://webassembly.github.io/spec/core/binary/modules.html#binary-magic
        if (bytes.Length < 4) DecoderThrowHelper.Throw(bytes.Length, "unexpected end");
        if (r.ReadFixedU32() != Magic) DecoderThrowHelper.Throw(0, "magic header not detected");
        if (bytes.Length < 8) DecoderThrowHelper.Throw(bytes.Length, "unexpected end");
        if (r.ReadFixedU32() != Version) DecoderThrowHelper.Throw(4, "unknown binary version");
    }

    /// <summary>Position of a section id in the mandated order; the data count section (12) sits between element (9) and code (10).</summary>
    private static int SectionOrder(byte id) => id switch
    {
        12 => 10,
        10 => 11,
        11 => 12,
        _ => id,
    };

    private static void ReadSection(ref WasmReader r, byte id, int size, ModuleDefinition module, DecodeState state)
    {
        switch (id)
        {
            case 0: ReadCustomSection(ref r, size, module); break;
            case 1: ReadTypeSection(ref r, module); break;
            case 2: ReadImportSection(ref r, module); break;
            case 3: ReadFunctionSection(ref r, module); break;
            case 4: ReadTableSection(ref r, module); break;
            case 5: ReadMemorySection(ref r, module); break;
            case 6: ReadGlobalSection(ref r, module, state); break;
            case 7: ReadExportSection(ref r, module); break;
            case 8: module.StartFunction = r.ReadU32(); break;
            case 9: ReadElementSection(ref r, module, state); break;
            case 10: ReadCodeSection(ref r, module, state); break;
            case 11: ReadDataSection(ref r, module, state); break;
            case 12: module.DataCount = r.ReadU32(); break;
        }
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#custom-section</summary>
    private static void ReadCustomSection(ref WasmReader r, int size, ModuleDefinition module)
    {
        int start = r.Position;
        string name = r.ReadName();
        int consumed = r.Position - start;
        if (consumed > size) DecoderThrowHelper.Throw(start, "unexpected end");
        byte[] payload = r.ReadSpan(size - consumed).ToArray();
        module.CustomSections.Add(new CustomSection(name, payload));
    }

    /// <summary>Module-level checks made after the last section, in the reference interpreter's order.</summary>
    private static void CheckConsistency(int end, ModuleDefinition module, DecodeState state)
    {
        if (module.Functions.Count != module.Bodies.Count)
            throw DecoderThrowHelper.Create(end, "function and code section have inconsistent lengths");
        if (module.DataCount is uint count && count != (uint)module.Data.Count)
            throw DecoderThrowHelper.Create(end, "data count and data section have inconsistent lengths");
        if (module.DataCount is null && state.UsesDataIndex)
            throw DecoderThrowHelper.Create(state.DataIndexOffset, "data count section required");
    }

    /// <summary>Mutable facts gathered while decoding that feed the module-level checks.</summary>
    private sealed class DecodeState
    {
        /// <summary>The instruction decoder, reused for every body and constant expression.</summary>
        public InstructionDecoder Instructions { get; } = new();

        /// <summary>True once a function body used memory.init or data.drop (they need the data count section).</summary>
        public bool UsesDataIndex { get; set; }

        /// <summary>Offset of the first memory.init or data.drop in a function body.</summary>
        public int DataIndexOffset { get; set; }
    }
}
