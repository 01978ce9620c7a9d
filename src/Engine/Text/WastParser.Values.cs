namespace Djinn.Engine.Text;

// Script constants and result patterns (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts).
internal static partial class WastParser
{
    // (i32.const n) | (i64.const n) | (f32.const z) | (f64.const z) | (v128.const shape lanes) | (ref.null t) | (ref.extern n) | (ref.func n)
    private static WastValue Value(SNode node)
    {
        var c = Cursor.After(node);
        WastValue value = node.Head switch
        {
            "i32.const" => new WastValue(ValueKind.I32, Numbers.ParseInt(c.Next(), 32)),
            "i64.const" => new WastValue(ValueKind.I64, Numbers.ParseInt(c.Next(), 64)),
            "f32.const" => new WastValue(ValueKind.F32, Numbers.ParseF32(c.Next())),
            "f64.const" => new WastValue(ValueKind.F64, Numbers.ParseF64(c.Next())),
            "v128.const" => V128Value(node, c),
            "ref.null" => new WastValue(WatModule.HeapType(c.Next()), 0, IsNull: true),
            "ref.extern" => new WastValue(ValueKind.ExternRef, Numbers.ParseUnsigned(c.Next(), 32)),
            "ref.func" => new WastValue(ValueKind.FuncRef, Numbers.ParseUnsigned(c.Next(), 32)),
            _ => throw node.Error("unexpected token: expected a constant"),
        };
        c.ExpectEnd();
        return value;
    }

    private static WastValue V128Value(SNode node, Cursor c)
    {
        var (lo, hi) = ExprEncoder.V128(node.Items[0], c);
        return new WastValue(ValueKind.V128, lo, hi);
    }

    private static WastExpected Expected(SNode node)
    {
        var c = Cursor.After(node);
        switch (node.Head)
        {
            case "f32.const" or "f64.const":
            {
                var type = node.Head == "f32.const" ? ValueKind.F32 : ValueKind.F64;
                if (NanPattern(c.Peek) is WastExpectedKind nan)
                {
                    c.Next();
                    c.ExpectEnd();
                    return new WastExpected(nan, null, type);
                }
                return new WastExpected(WastExpectedKind.Exact, Value(node), type);
            }
            case "ref.func" when node.Items.Count == 1:
                return new WastExpected(WastExpectedKind.AnyFuncRef, null, ValueKind.FuncRef);
            case "ref.extern" when node.Items.Count == 1:
                return new WastExpected(WastExpectedKind.AnyExternRef, null, ValueKind.ExternRef);
            case "v128.const" when node.Items.Count > 1 && node.Items[1].Text is "f32x4" or "f64x2"
                                   && node.Items.Skip(2).Any(n => NanPattern(n) is not null):
                return LanePatterns(node);
            default:
            {
                var value = Value(node);
                return new WastExpected(WastExpectedKind.Exact, value, value.Kind);
            }
        }
    }

    private static WastExpectedKind? NanPattern(SNode? n) => n?.Kind == SKind.Atom ? n.Text switch
    {
        "nan:canonical" => WastExpectedKind.CanonicalNan,
        "nan:arithmetic" => WastExpectedKind.ArithmeticNan,
        _ => null,
    } : null;

    // (v128.const f32x4 nan:canonical 1.0 ...): one pattern per lane.
    private static WastExpected LanePatterns(SNode node)
    {
        var shape = node.Items[1].Text;
        int count = shape == "f32x4" ? 4 : 2;
        var type = shape == "f32x4" ? ValueKind.F32 : ValueKind.F64;
        if (node.Items.Count != 2 + count) throw node.Error("unexpected token: wrong number of lanes");
        var lanes = new WastExpected[count];
        for (int i = 0; i < count; i++)
        {
            var lane = node.Items[2 + i];
            lanes[i] = NanPattern(lane) is WastExpectedKind nan
                ? new WastExpected(nan, null, type)
                : new WastExpected(WastExpectedKind.Exact,
                    new WastValue(type, type == ValueKind.F32 ? Numbers.ParseF32(lane) : Numbers.ParseF64(lane)), type);
        }
        return new WastExpected(WastExpectedKind.Lanes, null, ValueKind.V128, shape, lanes);
    }
}
