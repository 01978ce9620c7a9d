using System.Text;

namespace Djinn.Engine.Text;

/// <summary>
/// Tokenises text into an S-expression tree (https://webassembly.github.io/spec/core/text/lexical.html):
/// whitespace, line and nested block comments, strings with escapes, and idchar runs (keywords, ids, numbers, reserved).
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string text) => _text = text;

    /// <summary>Parses all top-level nodes of <paramref name="text"/>.</summary>
    public static List<SNode> Parse(string text)
    {
        var nodes = Parse(text, out var stray);
        if (stray is not null) throw stray;
        return nodes;
    }

    /// <summary>
    /// Parses the top-level nodes of <paramref name="text"/> up to a stray <c>)</c>, which is returned in
    /// <paramref name="stray"/> instead of thrown: the reference interpreter lexes on demand, so errors inside the
    /// complete nodes before it are reported first (the caller throws <paramref name="stray"/> when they have none).
    /// </summary>
    public static List<SNode> Parse(string text, out TextParseException? stray)
    {
        stray = null;
        var lexer = new Lexer(text);
        var stack = new Stack<(SNode Node, List<SNode> Items)>();
        var top = new List<SNode>();
        while (true)
        {
            lexer.SkipSpace();
            if (lexer._pos >= text.Length)
            {
                if (stack.Count > 0)
                {
                    var open = stack.Peek().Node;
                    throw open.Error("unclosed parenthesis");
                }
                return top;
            }
            var current = stack.Count > 0 ? stack.Peek().Items : top;
            char c = text[lexer._pos];
            int line = lexer._line, col = lexer._pos - lexer._lineStart + 1;
            if (c == '(')
            {
                lexer._pos++;
                var items = new List<SNode>();
                var node = new SNode(SKind.List, line, col, items: items) { Start = lexer._pos - 1 };
                current.Add(node);
                stack.Push((node, items));
            }
            else if (c == ')')
            {
                if (stack.Count == 0)
                {
                    stray = new TextParseException(line, col, "unexpected )");
                    return top;
                }
                lexer._pos++;
                stack.Pop().Node.End = lexer._pos;
            }
            else if (c == '"')
            {
                current.Add(lexer.ReadString(line, col));
                lexer.CheckSeparator();
            }
            else if (IsIdChar(c))
            {
                int start = lexer._pos;
                while (lexer._pos < text.Length && IsIdChar(text[lexer._pos])) lexer._pos++;
                current.Add(new SNode(SKind.Atom, line, col, text[start..lexer._pos]));
                lexer.CheckSeparator();
            }
            else
            {
                throw new TextParseException(line, col, "unknown operator: unexpected character");
            }
        }
    }

    /// <summary>Idchars (https://webassembly.github.io/spec/core/text/values.html#text-idchar).</summary>
    public static bool IsIdChar(char c) =>
        c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z'
        || "!#$%&'*+-./:<=>?@\\^_`|~".Contains(c);

    private TextParseException Error(string cause) => new(_line, _pos - _lineStart + 1, cause);

    // Tokens must be separated by whitespace, comments or parentheses: "(data\"a\")" is malformed.
    private void CheckSeparator()
    {
        if (_pos >= _text.Length) return;
        char c = _text[_pos];
        if (c is ' ' or '\t' or '\n' or '\r' or '(' or ')' or ';') return;
        throw Error("unknown operator: tokens must be separated");
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n' || (c == '\r' && Peek(1) != '\n')) { _pos++; _line++; _lineStart = _pos; }
            else if (c is ' ' or '\t' or '\r') _pos++;
            else if (c == ';' && Peek(1) == ';')
            {
                // A line comment ends at any newline: LF, CR or CR LF (https://webassembly.github.io/spec/core/text/lexical.html#comments).
                while (_pos < _text.Length && _text[_pos] is not '\n' and not '\r') _pos++;
            }
            else if (c == '(' && Peek(1) == ';') SkipBlockComment();
            else if (c == ';') throw Error("unexpected ;");
            else return;
        }
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void SkipBlockComment()
    {
        var startError = Error("unclosed block comment");
        int depth = 0;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '(' && Peek(1) == ';') { depth++; _pos += 2; }
            else if (c == ';' && Peek(1) == ')')
            {
                depth--;
                _pos += 2;
                if (depth == 0) return;
            }
            else
            {
                if (c == '\n') { _line++; _lineStart = _pos + 1; }
                _pos++;
            }
        }
        throw startError;
    }

    // https://webassembly.github.io/spec/core/text/values.html#strings
    private SNode ReadString(int line, int col)
    {
        int start = _pos;
        _pos++;
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (_pos >= _text.Length) throw new TextParseException(line, col, "unclosed string");
            char c = _text[_pos];
            if (c == '"') { _pos++; break; }
            if (c == '\n' || c < 0x20 || c == 0x7F) throw Error("illegal control character in string");
            if (c != '\\')
            {
                int cp = c;
                int width = 1;
                if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
                {
                    cp = char.ConvertToUtf32(c, _text[_pos + 1]);
                    width = 2;
                }
                else if (char.IsSurrogate(c)) throw Error("malformed UTF-8 encoding");
                int n = new Rune(cp).EncodeToUtf8(utf8);
                for (int i = 0; i < n; i++) bytes.Add(utf8[i]);
                _pos += width;
                continue;
            }
            _pos++;
            if (_pos >= _text.Length) throw new TextParseException(line, col, "unclosed string");
            char e = _text[_pos++];
            switch (e)
            {
                case 't': bytes.Add(9); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case '"': bytes.Add(0x22); break;
                case '\'': bytes.Add(0x27); break;
                case '\\': bytes.Add(0x5C); break;
                case 'u':
                {
                    if (Peek(0) != '{') throw Error("illegal escape");
                    _pos++;
                    int digitsStart = _pos;
                    while (_pos < _text.Length && (Uri.IsHexDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
                    string digits = _text[digitsStart.._pos];
                    if (Peek(0) != '}' || digits.Length == 0 || digits[0] == '_' || digits[^1] == '_' || digits.Contains("__"))
                        throw Error("illegal escape");
                    _pos++;
                    long value = 0;
                    foreach (char d in digits.Replace("_", ""))
                    {
                        value = value * 16 + Convert.ToInt32(d.ToString(), 16);
                        if (value > 0x10FFFF) throw Error("illegal escape: code point out of range");
                    }
                    if (value is >= 0xD800 and < 0xE000) throw Error("illegal escape: surrogate code point");
                    int n = new Rune((int)value).EncodeToUtf8(utf8);
                    for (int i = 0; i < n; i++) bytes.Add(utf8[i]);
                    break;
                }
                default:
                    if (Uri.IsHexDigit(e) && Uri.IsHexDigit(Peek(0)))
                    {
                        bytes.Add(Convert.ToByte(_text.Substring(_pos - 1, 2), 16));
                        _pos++;
                        break;
                    }
                    throw Error("illegal escape");
            }
        }
        return new SNode(SKind.String, line, col, _text[start.._pos], bytes.ToArray());
    }
}
