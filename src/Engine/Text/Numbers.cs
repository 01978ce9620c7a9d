using System.Globalization;
using System.Numerics;

namespace Djinn.Engine.Text;

/// <summary>
/// Number literals of the text format (https://webassembly.github.io/spec/core/text/values.html#integers,
/// https://webassembly.github.io/spec/core/text/values.html#floating-point): integers with <c>_</c> separators and
/// range checks, decimal and hexadecimal floats rounded to nearest-even, <c>inf</c>, <c>nan</c> and <c>nan:0x...</c>.
/// </summary>
internal static class Numbers
{
    /// <summary>Parses an unsigned integer (no sign) that must fit in <paramref name="bits"/> bits.</summary>
    public static ulong ParseUnsigned(SNode node, int bits)
    {
        if (node.Kind != SKind.Atom || node.Text.Length == 0 || !char.IsAsciiDigit(node.Text[0]))
            throw Bad(node, "expected a number");
        if (!TryMagnitude(node.Text, out var value)) throw Bad(node, "malformed number");
        if (value >> bits != 0) throw node.Error("constant out of range");
        return (ulong)value;
    }

    /// <summary>Parses an <c>iN</c> literal: signed or unsigned, returned as raw two's complement bits.</summary>
    public static ulong ParseInt(SNode node, int bits)
    {
        string text = node.Text;
        if (node.Kind != SKind.Atom || text.Length == 0) throw Bad(node, "expected an integer");
        bool negative = text[0] == '-';
        string body = text[0] is '+' or '-' ? text[1..] : text;
        if (body.Length == 0 || !char.IsAsciiDigit(body[0]) || !TryMagnitude(body, out var value))
            throw Bad(node, $"expected an i{bits} constant");
        var limit = BigInteger.One << bits;
        if (negative)
        {
            if (value > limit / 2) throw node.Error("constant out of range");
            value = (limit - value) % limit;
        }
        else if (value >= limit) throw node.Error("constant out of range");
        return (ulong)value;
    }

    /// <summary>
    /// True when <paramref name="text"/> is an unsigned integer literal without sign (https://webassembly.github.io/spec/core/text/values.html#integers);
    /// <paramref name="value"/> is its value, saturated to <see cref="ulong.MaxValue"/>.
    /// </summary>
    public static bool TryParseNat(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || !char.IsAsciiDigit(text[0]) || !TryMagnitude(text, out var magnitude)) return false;
        value = magnitude > ulong.MaxValue ? ulong.MaxValue : (ulong)magnitude;
        return true;
    }

    // Digits of an unsigned num or 0x hexnum, with '_' only between digits.
    private static bool TryMagnitude(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        bool hex = text.StartsWith("0x", StringComparison.Ordinal);
        string digits = hex ? text[2..] : text;
        if (!ValidDigits(digits, hex)) return false;
        int radix = hex ? 16 : 10;
        foreach (char c in digits)
        {
            if (c == '_') continue;
            value = value * radix + HexValue(c);
        }
        return true;
    }

    private static bool ValidDigits(string digits, bool hex)
    {
        if (digits.Length == 0 || digits[0] == '_' || digits[^1] == '_') return false;
        for (int i = 0; i < digits.Length; i++)
        {
            char c = digits[i];
            if (c == '_')
            {
                if (digits[i - 1] == '_') return false;
            }
            else if (hex ? !Uri.IsHexDigit(c) : !char.IsAsciiDigit(c)) return false;
        }
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    // A number-looking token that is not a valid literal is an unknown operator; anything else an unexpected token.
    private static TextParseException Bad(SNode node, string what) =>
        node.IsNumber ? node.Error($"unknown operator: {what}") : node.Error($"unexpected token: {what}");

    /// <summary>Parses an f32 literal to its bits.</summary>
    public static uint ParseF32(SNode node) => (uint)ParseFloat(node, 24, 8);

    /// <summary>Parses an f64 literal to its bits.</summary>
    public static ulong ParseF64(SNode node) => ParseFloat(node, 53, 11);

    // Mantissa precision p (incl. the implicit bit) and exponent width w.
    private static ulong ParseFloat(SNode node, int p, int w)
    {
        string text = node.Text;
        if (node.Kind != SKind.Atom || text.Length == 0) throw Bad(node, "expected a float");
        bool negative = text[0] == '-';
        string body = text[0] is '+' or '-' ? text[1..] : text;
        ulong sign = negative ? 1UL << (p + w - 1) : 0;
        ulong expMask = ((1UL << w) - 1) << (p - 1);
        ulong fracMask = (1UL << (p - 1)) - 1;
        if (body == "inf") return sign | expMask;
        if (body == "nan") return sign | expMask | (1UL << (p - 2));
        if (body.StartsWith("nan:", StringComparison.Ordinal))
        {
            // nan:0xN is the only payload form; anything else after "nan:" is not a token at all.
            if (!body.StartsWith("nan:0x", StringComparison.Ordinal)) throw node.Error("unknown operator: malformed nan payload");
            if (!TryMagnitude(body[4..], out var payload)) throw Bad(node, "malformed nan payload");
            if (payload == 0 || payload > fracMask) throw node.Error("constant out of range");
            return sign | expMask | (ulong)payload;
        }
        if (body.Length == 0 || !char.IsAsciiDigit(body[0])) throw Bad(node, "expected a float");
        ulong bits = body.StartsWith("0x", StringComparison.Ordinal) ? ParseHexFloat(node, body[2..], p, w) : ParseDecimalFloat(node, body, p);
        return sign | bits;
    }

    // Splits "int[.frac][e[sign]exp]" and checks the digit groups.
    private static (string Int, string Frac, string Exp) Split(SNode node, string body, bool hex)
    {
        char[] expChars = hex ? ['p', 'P'] : ['e', 'E'];
        int e = body.IndexOfAny(expChars);
        string mant = e < 0 ? body : body[..e];
        string exp = e < 0 ? "" : body[(e + 1)..];
        int dot = mant.IndexOf('.');
        string ip = dot < 0 ? mant : mant[..dot];
        string fp = dot < 0 ? "" : mant[(dot + 1)..];
        bool ok = ValidDigits(ip, hex) && (fp.Length == 0 || ValidDigits(fp, hex));
        if (e >= 0)
        {
            string ed = exp.Length > 0 && exp[0] is '+' or '-' ? exp[1..] : exp;
            ok &= ValidDigits(ed, false);
        }
        if (!ok) throw Bad(node, "malformed float");
        return (ip.Replace("_", ""), fp.Replace("_", ""), exp.Replace("_", ""));
    }

    private static ulong ParseDecimalFloat(SNode node, string body, int p)
    {
        var (ip, fp, exp) = Split(node, body, false);
        string s = ip + (fp.Length > 0 ? "." + fp : "") + (exp.Length > 0 ? "e" + ClampExponent(exp) : "");
        if (p == 24)
        {
            float f = float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (float.IsInfinity(f)) throw node.Error("constant out of range");
            return BitConverter.SingleToUInt32Bits(f);
        }
        double d = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d)) throw node.Error("constant out of range");
        return BitConverter.DoubleToUInt64Bits(d);
    }

    // Keeps absurd exponents parseable; anything beyond +-100000 already saturates to 0 or overflow.
    private static string ClampExponent(string exp)
    {
        bool neg = exp[0] == '-';
        string digits = exp.TrimStart('+', '-').TrimStart('0');
        if (digits.Length > 6) digits = "999999";
        if (digits.Length == 0) digits = "0";
        return (neg ? "-" : "") + digits;
    }

    // Exact hexadecimal float parsing with round-to-nearest-even, including subnormals.
    private static ulong ParseHexFloat(SNode node, string body, int p, int w)
    {
        var (ip, fp, exp) = Split(node, body, true);
        var m = BigInteger.Zero;
        foreach (char c in ip + fp) m = m * 16 + HexValue(c);
        if (m.IsZero) return 0;
        long e = long.Parse(ClampExponent(exp.Length > 0 ? exp : "0"), CultureInfo.InvariantCulture) - 4L * fp.Length;
        long bitLength = (long)m.GetBitLength();
        int bias = (1 << (w - 1)) - 1;
        long emin = 1 - bias;
        long lsbMin = emin - (p - 1);
        long shift = Math.Max(bitLength - p, lsbMin - e);
        BigInteger q;
        if (shift > 0)
        {
            if (shift > bitLength + 1) q = BigInteger.Zero;
            else
            {
                q = m >> (int)shift;
                var rem = m - (q << (int)shift);
                var half = BigInteger.One << (int)(shift - 1);
                if (rem > half || (rem == half && !q.IsEven)) q += 1;
            }
        }
        else q = m << (int)-shift;
        long lsb = e + shift;
        if (q >> p != 0) { q >>= 1; lsb++; }
        if (q.IsZero) return 0;
        ulong mant = (ulong)q;
        if (mant < 1UL << (p - 1)) return mant;
        long biased = lsb + (p - 1) + bias;
        if (biased >= (1L << w) - 1) throw node.Error("constant out of range");
        return ((ulong)biased << (p - 1)) | (mant & ((1UL << (p - 1)) - 1));
    }
}
