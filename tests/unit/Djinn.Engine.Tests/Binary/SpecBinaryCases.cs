using System.Text;

namespace Djinn.Engine.Tests.Binary;

/// <summary>One <c>(module binary ...)</c> found in a spec .wast file, with the expected malformed cause if any.</summary>
internal sealed record SpecBinaryCase(string File, int Line, byte[] Bytes, string? ExpectedMalformed);

/// <summary>
/// Extracts the binary modules of the spec suite's .wast files: the bytes of each <c>(module binary "..." ...)</c>
/// and, for those inside <c>assert_malformed</c>, the expected cause. Text modules are ignored.
/// </summary>
internal static class SpecBinaryCases
{
    /// <summary>The spec suite folder (see <see cref="Support.TestPaths.SpecSuite"/>); a missing suite fails the tests.</summary>
    public static string SuiteDirectory => Support.TestPaths.SpecSuite;

    /// <summary>All binary modules of every .wast file in the suite, SIMD scripts included.</summary>
    public static List<SpecBinaryCase> Load()
    {
        var cases = new List<SpecBinaryCase>();
        foreach (var path in Directory.GetFiles(SuiteDirectory, "*.wast"))
        {
            string name = Path.GetFileName(path);
            Extract(name, File.ReadAllText(path), cases);
        }
        return cases;
    }

    private static void Extract(string file, string text, List<SpecBinaryCase> cases)
    {
        int i = 0;
        while ((i = text.IndexOf("(module", i, StringComparison.Ordinal)) >= 0)
        {
            int start = i;
            int p = i + "(module".Length;
            if (p < text.Length && !char.IsWhiteSpace(text[p])) { i = p; continue; }
            p = SkipSpace(text, p);
            if (p < text.Length && text[p] == '$')
            {
                while (p < text.Length && !char.IsWhiteSpace(text[p])) p++;
                p = SkipSpace(text, p);
            }
            if (!text.AsSpan(p).StartsWith("binary")) { i = p; continue; }
            p += "binary".Length;
            var bytes = new List<byte>();
            while (true)
            {
                p = SkipSpace(text, p);
                if (text[p] == ')') { p++; break; }
                if (text[p] != '"') throw new InvalidDataException($"{file}: unexpected '{text[p]}'");
                p = ReadString(text, p, bytes);
            }
            string? expected = null;
            int before = start - 1;
            while (before >= 0 && char.IsWhiteSpace(text[before])) before--;
            string prefix = text[..(before + 1)];
            if (prefix.EndsWith("(assert_malformed", StringComparison.Ordinal))
            {
                p = SkipSpace(text, p);
                var message = new List<byte>();
                ReadString(text, p, message);
                expected = Encoding.UTF8.GetString(message.ToArray());
            }
            int line = 1;
            for (int k = 0; k < start; k++) if (text[k] == '\n') line++;
            cases.Add(new SpecBinaryCase(file, line, bytes.ToArray(), expected));
            i = p;
        }
    }

    private static int SkipSpace(string text, int p)
    {
        while (p < text.Length)
        {
            if (char.IsWhiteSpace(text[p])) p++;
            else if (text[p] == ';' && p + 1 < text.Length && text[p + 1] == ';')
            {
                while (p < text.Length && text[p] != '\n') p++;
            }
            else break;
        }
        return p;
    }

    private static int ReadString(string text, int p, List<byte> into)
    {
        p++; // opening quote
        Span<byte> utf8 = stackalloc byte[4];
        while (text[p] != '"')
        {
            char c = text[p];
            if (c != '\\')
            {
                int n = Encoding.UTF8.GetBytes(text.AsSpan(p, char.IsHighSurrogate(c) ? 2 : 1), utf8);
                for (int k = 0; k < n; k++) into.Add(utf8[k]);
                p += char.IsHighSurrogate(c) ? 2 : 1;
                continue;
            }
            char e = text[p + 1];
            switch (e)
            {
                case 'n': into.Add((byte)'\n'); p += 2; break;
                case 't': into.Add((byte)'\t'); p += 2; break;
                case 'r': into.Add((byte)'\r'); p += 2; break;
                case '\\': into.Add((byte)'\\'); p += 2; break;
                case '\'': into.Add((byte)'\''); p += 2; break;
                case '"': into.Add((byte)'"'); p += 2; break;
                case 'u':
                    {
                        int close = text.IndexOf('}', p);
                        int code = Convert.ToInt32(text[(p + 3)..close], 16);
                        foreach (byte b in Encoding.UTF8.GetBytes(char.ConvertFromUtf32(code))) into.Add(b);
                        p = close + 1;
                        break;
                    }
                default:
                    into.Add(Convert.ToByte(text.Substring(p + 1, 2), 16));
                    p += 3;
                    break;
            }
        }
        return p + 1;
    }
}
