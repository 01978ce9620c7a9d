using System.Security.Cryptography;

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

        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var parentId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return (traceId, $"00-{traceId}-{parentId}-00");
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
