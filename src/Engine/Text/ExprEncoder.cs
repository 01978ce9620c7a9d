using Djinn.Engine.Model;

namespace Djinn.Engine.Text;

/// <summary>
/// Encodes instruction sequences, plain and folded (https://webassembly.github.io/spec/core/text/instructions.html),
/// resolving label and local ids.
/// </summary>
internal sealed partial class ExprEncoder
{
    private readonly WatModule _module;
    private readonly Dictionary<string, int>? _locals;
    private readonly ByteWriter _out;
    private readonly List<string?> _labels = [];

    /// <summary>Creates an encoder writing to <paramref name="output"/>; <paramref name="locals"/> is null outside functions.</summary>
    public ExprEncoder(WatModule module, Dictionary<string, int>? locals, ByteWriter output)
    {
        _module = module;
        _locals = locals;
        _out = output;
    }

    /// <summary>Encodes every remaining instruction of the cursor.</summary>
    public void Instructions(Cursor c)
    {
        while (!c.AtEnd) Instruction(c);
    }

    // Instructions until one of the terminators (end / else) or the end of the list.
    private void InstructionsUntil(Cursor c, bool allowElse)
    {
        while (!c.AtEnd)
        {
            var p = c.Peek!;
            if (p.IsAtom("end") || (allowElse && p.IsAtom("else"))) return;
            Instruction(c);
        }
    }

    private void Instruction(Cursor c)
    {
        var node = c.Next();
        EnsureStack(node);
        if (node.Kind == SKind.List)
        {
            Folded(node);
            return;
        }
        var (op, imm) = Lookup(node);
        if (imm == Imm.Block)
        {
            PlainBlock(node, op, c);
            return;
        }
        var immediates = new ByteWriter();
        op = Immediates(node, op, imm, c, immediates);
        OpcodeTable.Write(_out, op);
        _out.Bytes(immediates.ToArray());
    }

    private static (Opcode Op, Imm Imm) Lookup(SNode node)
    {
        if (node.Kind != SKind.Atom || !OpcodeTable.Entries.TryGetValue(node.Text, out var e))
        {
            // Misplaced field syntax such as (local ...) after an instruction is an unexpected token.
            if (node.Text is "param" or "result" or "local" or "type" or "export" or "import" or "then" or "else" or "end" or "item" or "offset")
                throw node.Error($"unexpected token {node.Text}");
            throw node.Error($"unknown operator {node.Text}");
        }
        return (e.Op, e.Imm);
    }

    // block label? blocktype instr* (else label? instr*)? end label?
    private void PlainBlock(SNode node, Opcode op, Cursor c)
    {
        var label = c.TakeId();
        var bt = BlockType(c);
        OpcodeTable.Write(_out, op);
        _out.Bytes(bt);
        _labels.Add(label?.Text);
        InstructionsUntil(c, op == Opcode.If);
        if (op == Opcode.If && c.TakeAtom("else"))
        {
            CheckLabel(c, label);
            _out.Byte(0x05);
            InstructionsUntil(c, false);
        }
        if (!c.TakeAtom("end")) throw node.Error("unexpected token: missing end");
        CheckLabel(c, label);
        _labels.RemoveAt(_labels.Count - 1);
        _out.Byte(0x0B);
    }

    private static void CheckLabel(Cursor c, SNode? label)
    {
        if (c.TakeId() is SNode id && id.Text != label?.Text) throw id.Error("mismatching label");
    }

    /// <summary>Encodes one folded instruction <c>(op ...)</c>.</summary>
    public void Folded(SNode list)
    {
        EnsureStack(list);
        if (list.Items.Count == 0) throw list.Error("unexpected token: empty instruction");
        var head = list.Items[0];
        var (op, imm) = Lookup(head);
        var c = Cursor.After(list);
        if (imm != Imm.Block)
        {
            var immediates = new ByteWriter();
            op = Immediates(head, op, imm, c, immediates);
            while (!c.AtEnd)
            {
                var operand = c.Next();
                if (operand.Kind != SKind.List) throw operand.Error("unexpected token: expected a folded instruction");
                Folded(operand);
            }
            OpcodeTable.Write(_out, op);
            _out.Bytes(immediates.ToArray());
            return;
        }
        var label = c.TakeId();
        var bt = BlockType(c);
        if (op != Opcode.If)
        {
            OpcodeTable.Write(_out, op);
            _out.Bytes(bt);
            _labels.Add(label?.Text);
            Instructions(c);
            _labels.RemoveAt(_labels.Count - 1);
            _out.Byte(0x0B);
            return;
        }
        // (if label? blocktype foldedinstr* (then instr*) (else instr*)?)
        while (c.Peek is SNode p && p.Kind == SKind.List && !p.IsList("then")) Folded(c.Next());
        var then = c.TakeList("then") ?? throw c.EndError();
        var els = c.TakeList("else");
        c.ExpectEnd();
        OpcodeTable.Write(_out, op);
        _out.Bytes(bt);
        _labels.Add(label?.Text);
        Instructions(Cursor.After(then));
        if (els is not null)
        {
            _out.Byte(0x05);
            Instructions(Cursor.After(els));
        }
        _labels.RemoveAt(_labels.Count - 1);
        _out.Byte(0x0B);
    }

    // Nesting is parsed recursively: report absurd depths as malformed text instead of overflowing the stack.
    private static void EnsureStack(SNode node)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw node.Error("instructions nested too deeply");
    }

    // https://webassembly.github.io/spec/core/text/instructions.html#block-types
    private byte[] BlockType(Cursor c)
    {
        var w = new ByteWriter();
        if (c.Peek?.IsList("type") == true)
        {
            w.S64(_module.TypeUse(c, null));
            return w.ToArray();
        }
        var (ps, rs, _) = WatModule.ParamsResults(c, null, allowIds: false);
        if (ps.Count == 0 && rs.Count == 0) w.Byte(0x40);
        else if (ps.Count == 0 && rs.Count == 1) w.Byte((byte)rs[0]);
        else w.S64(_module.InternType(ps.ToArray(), rs.ToArray()));
        return w.ToArray();
    }
}
