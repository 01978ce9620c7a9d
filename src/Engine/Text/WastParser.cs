namespace Djinn.Engine.Text;

/// <summary>
/// Parses a WAST script (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts) into commands.
/// Text modules are encoded at parse time; quoted modules are kept as text for the runner to parse, and so is
/// a text module that fails to encode (e.g. one using instructions the text layer does not know yet), so that the
/// failure is reported for that command rather than for the whole script.
/// </summary>
internal static partial class WastParser
{
    /// <summary>Parses the whole script; throws <see cref="TextParseException"/> for malformed script syntax.</summary>
    public static List<WastCommand> Parse(string text)
    {
        var commands = new List<WastCommand>();
        var nodes = Lexer.Parse(text);
        if (nodes.Count > 0 && nodes[0].Head is "type" or "import" or "func" or "table" or "memory" or "global" or "export" or "start" or "elem" or "data")
        {
            // An inline module: the whole script is the field list of one module.
            commands.Add(new ModuleCommand(nodes[0].Line, new WastModule(WastModuleKind.Text, null, WatModule.Encode(nodes), null)));
            return commands;
        }
        foreach (var node in nodes)
        {
            if (node.Kind != SKind.List || node.Head is null) throw node.Error("unexpected token: expected a command");
            commands.Add(Command(node, text));
        }
        return commands;
    }

    private static WastCommand Command(SNode node, string source)
    {
        var c = Cursor.After(node);
        int line = node.Line;
        switch (node.Head)
        {
            case "module":
                return new ModuleCommand(line, Module(node, source));
            case "register":
            {
                var name = c.String().Utf8();
                var id = c.TakeId();
                c.ExpectEnd();
                return new RegisterCommand(line, name, id?.Text);
            }
            case "invoke" or "get":
                return new ActionCommand(line, Action(node));
            case "assert_return":
            {
                var action = Action(c.Next());
                var expected = new List<WastExpected>();
                while (!c.AtEnd) expected.Add(Expected(c.Next()));
                return new AssertReturnCommand(line, action, expected.ToArray());
            }
            case "assert_trap":
            {
                var target = c.Next();
                var message = c.String().Utf8();
                c.ExpectEnd();
                return target.IsList("module")
                    ? new AssertTrapCommand(line, null, Module(target, source), message)
                    : new AssertTrapCommand(line, Action(target), null, message);
            }
            case "assert_exhaustion":
            {
                var action = Action(c.Next());
                var message = c.String().Utf8();
                c.ExpectEnd();
                return new AssertExhaustionCommand(line, action, message);
            }
            case "assert_malformed" or "assert_invalid" or "assert_unlinkable" or "assert_uninstantiable":
            {
                var kind = node.Head switch
                {
                    "assert_malformed" => WastAssertKind.Malformed,
                    "assert_invalid" => WastAssertKind.Invalid,
                    "assert_unlinkable" => WastAssertKind.Unlinkable,
                    _ => WastAssertKind.Uninstantiable,
                };
                var target = c.Next();
                if (!target.IsList("module")) throw target.Error("unexpected token: expected a module");
                var message = c.String().Utf8();
                c.ExpectEnd();
                return new AssertModuleCommand(line, kind, Module(target, source), message);
            }
            default:
                throw node.Error($"unexpected token: unknown command {node.Head}");
        }
    }

    // (module $id? binary "..."*) | (module $id? quote "..."*) | (module $id? field*)
    // A text module that does not encode is kept as quoted source, so that only its command fails when run.
    private static WastModule Module(SNode node, string source)
    {
        var c = Cursor.After(node);
        var name = c.TakeId()?.Text;
        if (c.TakeAtom("binary"))
        {
            var bytes = new List<byte>();
            while (!c.AtEnd) bytes.AddRange(c.String().Bytes);
            return new WastModule(WastModuleKind.Binary, name, bytes.ToArray(), null);
        }
        // Quoted strings are concatenated as they are, like the reference interpreter does.
        if (c.TakeAtom("quote"))
        {
            var text = new System.Text.StringBuilder();
            while (!c.AtEnd)
            {
                var s = c.String();
                AppendSource(text, s.Bytes);
            }
            return new WastModule(WastModuleKind.Quote, name, null, text.ToString());
        }
        try
        {
            return new WastModule(WastModuleKind.Text, name, WatParser.EncodeFields(node, c.Position), null);
        }
        catch (TextParseException)
        {
            return new WastModule(WastModuleKind.Quote, name, null, source[node.Start..node.End]);
        }
    }

    // Quoted source is UTF-8; each byte of an invalid sequence becomes a lone surrogate, which the lexer rejects as
    // malformed wherever it appears (https://webassembly.github.io/spec/core/text/conventions.html#source-text).
    private static void AppendSource(System.Text.StringBuilder text, byte[] bytes)
    {
        var span = bytes.AsSpan();
        while (!span.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(span, out var rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                consumed = Math.Max(consumed, 1);
                for (int i = 0; i < consumed; i++) text.Append((char)(0xDC00 + span[i]));
            }
            span = span[consumed..];
        }
    }

    // (invoke $id? "name" const*) | (get $id? "name")
    private static WastAction Action(SNode node)
    {
        if (!node.IsList("invoke") && !node.IsList("get")) throw node.Error("unexpected token: expected an action");
        var c = Cursor.After(node);
        var module = c.TakeId()?.Text;
        var name = c.String().Utf8();
        var args = new List<WastValue>();
        while (!c.AtEnd) args.Add(Value(c.Next()));
        if (node.Head == "get" && args.Count > 0) throw node.Error("unexpected token: get takes no arguments");
        return new WastAction(node.Head == "get", module, name, args.ToArray());
    }
}
