using System.Numerics;
using Djinn.Engine.Model;

namespace Djinn.Engine.Text;

// Instruction immediates (https://webassembly.github.io/spec/core/text/instructions.html).
internal sealed partial class ExprEncoder
{
    // Parses the immediates of a non-block instruction into w; returns the opcode to write (select may become typed).
    private Opcode Immediates(SNode head, Opcode op, Imm imm, Cursor c, ByteWriter w)
    {
        switch (imm)
        {
            case Imm.None: break;
            case Imm.Label: w.U32(Label(Index(head, c))); break;
            case Imm.BrTable:
            {
                var labels = new List<uint>();
                while (c.TakeIndex() is SNode x) labels.Add(Label(x));
                if (labels.Count == 0) throw c.EndError();
                w.U32((ulong)labels.Count - 1);
                for (int i = 0; i < labels.Count - 1; i++) w.U32(labels[i]);
                w.U32(labels[^1]);
                break;
            }
            case Imm.Func: w.U32(_module.Funcs.Resolve(Index(head, c))); break;
            case Imm.CallIndirect:
            {
                uint table = c.TakeIndex() is SNode t ? _module.Tables.Resolve(t) : 0;
                w.U32(_module.TypeUse(c, null));
                w.U32(table);
                break;
            }
            case Imm.Local: w.U32(Local(Index(head, c))); break;
            case Imm.Global: w.U32(_module.Globals.Resolve(Index(head, c))); break;
            case Imm.Table: w.U32(c.TakeIndex() is SNode t2 ? _module.Tables.Resolve(t2) : 0); break;
            case Imm.TableInit:
            {
                var first = Index(head, c);
                if (c.TakeIndex() is SNode second)
                {
                    w.U32(_module.Elems.Resolve(second));
                    w.U32(_module.Tables.Resolve(first));
                }
                else
                {
                    w.U32(_module.Elems.Resolve(first));
                    w.U32(0);
                }
                break;
            }
            case Imm.TableCopy:
            {
                if (c.TakeIndex() is SNode dst)
                {
                    w.U32(_module.Tables.Resolve(dst));
                    w.U32(_module.Tables.Resolve(Index(head, c)));
                }
                else { w.U32(0); w.U32(0); }
                break;
            }
            case Imm.Elem: w.U32(_module.Elems.Resolve(Index(head, c))); break;
            case Imm.Data:
                _module.UseDataCount();
                w.U32(_module.Datas.Resolve(Index(head, c)));
                break;
            case Imm.MemoryInit:
                _module.UseDataCount();
                w.U32(_module.Datas.Resolve(Index(head, c)));
                w.Byte(0x00);
                break;
            case Imm.Memarg: Memarg(head, c, w); break;
            case Imm.MemoryByte: w.Byte(0x00); break;
            case Imm.MemoryCopy: w.Byte(0x00); w.Byte(0x00); break;
            case Imm.I32: w.S64((int)(uint)Numbers.ParseInt(Atom(head, c), 32)); break;
            case Imm.I64: w.S64((long)Numbers.ParseInt(Atom(head, c), 64)); break;
            case Imm.F32: w.Fixed(Numbers.ParseF32(Atom(head, c)), 4); break;
            case Imm.F64: w.Fixed(Numbers.ParseF64(Atom(head, c)), 8); break;
            case Imm.V128:
            {
                var (lo, hi) = V128(head, c);
                w.Fixed(lo, 8);
                w.Fixed(hi, 8);
                break;
            }
            case Imm.Lane: w.Byte(LaneIndex(head, c)); break;
            case Imm.MemargLane:
                Memarg(head, c, w);
                w.Byte(LaneIndex(head, c));
                break;
            case Imm.Shuffle: ShuffleLanes(head, c, w); break;
            case Imm.RefNull: w.Byte((byte)WatModule.HeapType(Atom(head, c))); break;
            case Imm.Select:
            {
                var types = new List<ValueKind>();
                bool typed = false;
                while (c.TakeList("result") is SNode r)
                {
                    typed = true;
                    var rc = Cursor.After(r);
                    while (!rc.AtEnd) types.Add(WatModule.ValType(rc.Next()));
                }
                if (!typed) break;
                w.U32((ulong)types.Count);
                foreach (var t in types) w.Byte((byte)t);
                return Opcode.SelectTyped;
            }
        }
        return op;
    }

    private static SNode Atom(SNode head, Cursor c)
    {
        var n = c.Peek;
        if (n is null || n.Kind != SKind.Atom) throw (n ?? head).Error($"unexpected token: {head.Text} needs an immediate");
        return c.Next();
    }

    private static SNode Index(SNode head, Cursor c) =>
        c.TakeIndex() ?? throw (c.Peek ?? head).Error($"unexpected token: {head.Text} needs an index");

    private uint Label(SNode x)
    {
        if (!x.IsId) return (uint)Numbers.ParseUnsigned(x, 32);
        for (int i = _labels.Count - 1; i >= 0; i--)
        {
            if (_labels[i] == x.Text) return (uint)(_labels.Count - 1 - i);
        }
        throw x.Error($"unknown label {x.Text}");
    }

    private uint Local(SNode x)
    {
        if (!x.IsId) return (uint)Numbers.ParseUnsigned(x, 32);
        if (_locals is not null && _locals.TryGetValue(x.Text, out int i)) return (uint)i;
        throw x.Error($"unknown local {x.Text}");
    }

    // offset=N? align=N? (https://webassembly.github.io/spec/core/text/instructions.html#memory-instructions)
    private static void Memarg(SNode head, Cursor c, ByteWriter w)
    {
        ulong offset = 0;
        int align = OpcodeTable.Entries[head.Text].Align;
        if (c.Peek is SNode o && o.Kind == SKind.Atom && o.Text.StartsWith("offset=", StringComparison.Ordinal))
        {
            c.Next();
            // The offset is a u32 (https://webassembly.github.io/spec/core/text/instructions.html#memory-instructions).
            if (!Numbers.TryParseNat(o.Text[7..], out offset)) throw o.Error($"unknown operator {o.Text}");
            if (offset > uint.MaxValue) throw o.Error("i32 constant out of range");
        }
        if (c.Peek is SNode a && a.Kind == SKind.Atom && a.Text.StartsWith("align=", StringComparison.Ordinal))
        {
            c.Next();
            ulong value = Numbers.ParseUnsigned(new SNode(SKind.Atom, a.Line, a.Column, a.Text[6..]), 32);
            if (value == 0 || !BitOperations.IsPow2(value)) throw a.Error("alignment must be a power of two");
            align = (int)value;
        }
        w.U32((ulong)BitOperations.Log2((uint)align));
        w.U32(offset);
    }
}
