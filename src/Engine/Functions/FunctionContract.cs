using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Djinn.Engine.Functions;

/// <summary>
/// The JSON contract v1 (compatible with Gojinn's): the request object written to the guest's stdin and the
/// response object read from its stdout. See ARCHITECTURE.md, "Function contract".
/// </summary>
public static class FunctionContract
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes the request object; a body that is not valid UTF-8 is sent base64 with <c>body_encoding</c>.</summary>
    public static byte[] WriteRequest(FunctionRequest request, string functionName, int version)
    {
        // One buffer and writer per thread, reused: only the finished request is allocated.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        try
        {
            json.WriteStartObject();
            json.WriteString("method", request.Method);
            json.WriteString("uri", request.Uri);
            json.WriteString("path", request.Path);
            json.WriteString("query", request.Query);
            json.WriteStartObject("headers");
            foreach (var (name, values) in request.Headers)
            {
                json.WriteStartArray(name);
                foreach (var value in values) json.WriteStringValue(value);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            if (TryDecodeUtf8(request.Body.Span, out var text))
            {
                json.WriteString("body", text);
                json.WriteString("body_encoding", "utf8");
            }
            else
            {
                json.WriteBase64String("body", request.Body.Span);
                json.WriteString("body_encoding", "base64");
            }
            json.WriteString("remote_addr", request.RemoteAddress ?? "");
            json.WriteString("trace_id", request.TraceId ?? "");
            json.WriteStartObject("function");
            json.WriteString("name", functionName);
            json.WriteNumber("version", version);
            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > MaxRetainedBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }

    /// <summary>Per-thread request buffers larger than this (large bodies) are not kept.</summary>
    private const int MaxRetainedBytes = 64 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Parses the guest's stdout as a response object. A missing status means 200. Returns false with a precise
    /// message when the output is not a valid response.
    /// </summary>
    public static bool TryReadResponse(ReadOnlySpan<byte> output, out FunctionResponse? response, out string? error) =>
        FunctionResponseReader.TryRead(output, out response, out error);

    private static bool TryDecodeUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
