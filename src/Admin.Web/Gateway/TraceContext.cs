namespace Djinn.Admin.Web.Gateway;

/// <summary>W3C Trace Context (<c>traceparent: 00-&lt;trace-id&gt;-&lt;parent-id&gt;-&lt;flags&gt;</c>) for gateway requests.</summary>
public static class TraceContext
{
    /// <summary>The header name.</summary>
    public const string Header = "traceparent";

    /// <summary>
    /// The trace id and the traceparent to echo: the caller's when it sent a valid one, otherwise a new random trace.
    /// See https://www.w3.org/TR/trace-context/#traceparent-header.
    /// </summary>
    public static (string TraceId, string TraceParent) From(string? header)
    {
        if (header is { Length: 55 } value && value[2] == '-' && value[35] == '-' && value[52] == '-'
            && IsLowerHex(value.AsSpan(0, 2)) && value[..2] != "ff"
            && IsLowerHex(value.AsSpan(3, 32)) && !IsZero(value.AsSpan(3, 32))
            && IsLowerHex(value.AsSpan(36, 16)) && !IsZero(value.AsSpan(36, 16))
            && IsLowerHex(value.AsSpan(53, 2)))
        {
            return (value.Substring(3, 32), value);
        }

        // Trace ids must be unique, not secret: a fast generator instead of the cryptographic one (a syscall per id).
        Span<byte> random = stackalloc byte[16];
        Random.Shared.NextBytes(random);
        var traceId = Convert.ToHexStringLower(random);
        var traceParent = string.Create(55, traceId, static (chars, id) =>
        {
            "00-".CopyTo(chars);
            id.CopyTo(chars[3..]);
            chars[35] = '-';
            Span<byte> parent = stackalloc byte[8];
            Random.Shared.NextBytes(parent);
            Convert.TryToHexStringLower(parent, chars[36..52], out _);
            "-00".CopyTo(chars[52..]);
        });
        return (traceId, traceParent);
    }

    /// <summary>A new 32-character hex id (invocation ids): unique, not secret.</summary>
    public static string NewId()
    {
        Span<byte> random = stackalloc byte[16];
        Random.Shared.NextBytes(random);
        return Convert.ToHexStringLower(random);
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsZero(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c != '0')
            {
                return false;
            }
        }

        return true;
    }
}
