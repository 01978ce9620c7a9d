using Djinn.Engine.Model;

namespace Djinn.Engine.Binary;

/// <content>The code section.</content>
internal static partial class ModuleDecoder
{
    /// <summary>
    /// The most locals (excluding parameters) one function may declare. The spec only bounds the sum by 2^32;
    /// Djinn rejects more than this as "too many locals", which is what the spec suite expects for huge counts.
    /// </summary>
    public const int MaxLocals = 50_000;

    /// <summary>
    /// https://webassembly.github.io/spec/core/binary/modules.html#code-section: a vector of sized entries, each
    /// a vector of local runs and the body expression. An entry must consume exactly its declared size.
    /// <see cref="FunctionBody.ByteOffset"/> is the offset of the entry's contents (its local declarations).
    /// </summary>
    private static void ReadCodeSection(ref WasmReader r, ModuleDefinition module, DecodeState state)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++)
        {
            int size = r.ReadLength();
            int start = r.Position;
            var locals = ReadLocals(ref r);
            var code = state.Instructions.ReadExpression(ref r);
            if (state.Instructions.DataIndexUse >= 0 && !state.UsesDataIndex)
            {
                state.UsesDataIndex = true;
                state.DataIndexOffset = state.Instructions.DataIndexUse;
            }
            if (r.Position != start + size) DecoderThrowHelper.Throw(start, "section size mismatch");
            module.Bodies.Add(new FunctionBody(locals, code, start));
        }
    }

    /// <summary>Local declarations: a vector of (count, value type) runs whose total must stay within <see cref="MaxLocals"/>.</summary>
    private static LocalRun[] ReadLocals(ref WasmReader r)
    {
        int start = r.Position;
        int runCount = r.ReadLength();
        if (runCount == 0) return Array.Empty<LocalRun>();
        var runs = new LocalRun[runCount];
        ulong total = 0;
        for (int i = 0; i < runCount; i++)
        {
            uint n = r.ReadU32();
            var type = ReadValueType(ref r);
            total += n;
            runs[i] = new LocalRun(n, type);
        }
        if (total > MaxLocals) DecoderThrowHelper.Throw(start, "too many locals");
        return runs;
    }
}
