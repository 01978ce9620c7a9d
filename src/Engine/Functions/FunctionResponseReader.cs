using System.Buffers.Text;
using System.Text.Json;

namespace Djinn.Engine.Functions;

/// <summary>
/// Reads the response object of the JSON contract in one forward pass over the guest's stdout (no
/// <see cref="JsonDocument"/>: it was the largest single cost of a small invocation after running the guest).
/// Same rules as a document: the whole value must be valid JSON (depth at most 16); a later duplicate property
/// replaces an earlier one; <c>body_encoding</c> may come before or after <c>body</c>; when several fields are wrong,
/// status is reported first, then headers, then the body.
/// </summary>
internal static class FunctionResponseReader
{
    public static bool TryRead(ReadOnlySpan<byte> output, out FunctionResponse? response, out string? error)
    {
        response = null;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(output, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read()) throw new JsonException("no value");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return Fail("the response must be a JSON object", out error);
            }

            var fields = new Fields();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "status": fields.ReadStatus(ref reader); break;
                    case "headers": fields.ReadHeaders(ref reader); break;
                    case "body": fields.ReadBody(ref reader); break;
                    case "body_encoding": fields.Encoding = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                    default: reader.Skip(); break;
                }
            }
            return fields.TryFinish(out response, out error);
        }
        catch (JsonException e)
        {
            return Fail(output.IsEmpty ? "the function wrote no response" : $"the response is not valid JSON: {e.Message}", out error);
        }
        catch (InvalidOperationException e)
        {
            // A string the reader cannot transcode (invalid UTF-8 or a lone surrogate escape).
            return Fail($"the response is not valid JSON: {e.Message}", out error);
        }
    }

    private sealed class Fields
    {
        private int _status = 200;
        private string? _statusError;
        private Dictionary<string, string[]> _headers = NewHeaders();
        private string? _headersError;
        private byte[]? _body;
        private bool _bodyIsString = true;

        public string? Encoding { get; set; }

        public void ReadStatus(ref Utf8JsonReader reader)
        {
            _statusError = null;
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out _status) || _status is < 100 or > 599)
            {
                _statusError = "\"status\" must be an integer from 100 to 599";
                reader.Skip();
            }
        }

        public void ReadHeaders(ref Utf8JsonReader reader)
        {
            _headers = NewHeaders();
            _headersError = null;
            if (reader.TokenType == JsonTokenType.Null) return;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                _headersError = "\"headers\" must be an object";
                reader.Skip();
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (TryReadValues(ref reader, out var values)) _headers[name] = values;
                else _headersError ??= $"header \"{name}\" must be a string or an array of strings";
            }
        }

        public void ReadBody(ref Utf8JsonReader reader)
        {
            _body = null;
            _bodyIsString = true;
            if (reader.TokenType == JsonTokenType.Null) return;
            if (reader.TokenType != JsonTokenType.String)
            {
                _bodyIsString = false;
                reader.Skip();
                return;
            }
            // The unescaped UTF-8 of the string; decoded as base64 at the end if body_encoding says so.
            var buffer = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
            int length = reader.CopyString(buffer);
            _body = length == buffer.Length ? buffer : buffer[..length];
        }

        public bool TryFinish(out FunctionResponse? response, out string? error)
        {
            response = null;
            if (_statusError is not null) return Fail(_statusError, out error);
            if (_headersError is not null) return Fail(_headersError, out error);
            if (!_bodyIsString) return Fail("\"body\" must be a string", out error);
            byte[] body = _body ?? [];
            if (_body is not null)
            {
                string encoding = Encoding ?? "utf8";
                if (encoding == "base64")
                {
                    if (!TryDecodeBase64(_body, out body)) return Fail("\"body\" is not valid base64", out error);
                }
                else if (encoding != "utf8")
                {
                    return Fail($"unknown \"body_encoding\" \"{encoding}\" (expected utf8 or base64)", out error);
                }
            }
            response = new FunctionResponse(_status, _headers, body);
            error = null;
            return true;
        }

        private static Dictionary<string, string[]> NewHeaders() => new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A header's value: a string, or an array of strings (the reader is left after the value).</summary>
    private static bool TryReadValues(ref Utf8JsonReader reader, out string[] values)
    {
        values = [];
        if (reader.TokenType == JsonTokenType.String)
        {
            values = [reader.GetString()!];
            return true;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }
        var list = new List<string>();
        bool allStrings = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) list.Add(reader.GetString()!);
            else
            {
                allStrings = false;
                reader.Skip();
            }
        }
        values = list.ToArray();
        return allStrings;
    }

    private static bool TryDecodeBase64(byte[] text, out byte[] bytes)
    {
        bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        if (Base64.DecodeFromUtf8(text, bytes, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            bytes = [];
            return false;
        }
        if (written != bytes.Length) bytes = bytes[..written];
        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
