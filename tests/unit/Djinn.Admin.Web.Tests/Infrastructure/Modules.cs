using System.Net.Http.Headers;
using System.Text;

namespace Djinn.Admin.Web.Tests.Infrastructure;

/// <summary>Test modules and multipart helpers.</summary>
public static class Modules
{
    public const string Minimal = "(module (func (export \"_start\")))";

    public const string WithImport = """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start") (call $exit (i32.const 0))))
        """;

    /// <summary>Decodes fine, fails validation: returns an i64 where an i32 is declared.</summary>
    public const string TypeMismatch = "(module (func (result i32) (i64.const 1)))";

    public const string BrokenText = "(module (func (export \"_start\")";

    /// <summary>The magic and version, then a type section that claims 5 bytes but has 1.</summary>
    public static readonly byte[] Truncated = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01];

    /// <summary>A valid empty binary module carrying a custom section, <paramref name="totalBytes"/> long in all.</summary>
    public static byte[] BinaryOfSize(int totalBytes)
    {
        const int header = 8;
        const string name = "pad";
        // section id (1) + size as 5-byte LEB (5) + name length (1) + name (3)
        var payload = totalBytes - header - 1 - 5 - 1 - name.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(payload);
        var bytes = new byte[totalBytes];
        byte[] prefix = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x00];
        prefix.CopyTo(bytes, 0);
        var size = (uint)(1 + name.Length + payload);
        for (var i = 0; i < 5; i++)
        {
            bytes[9 + i] = (byte)((size & 0x7Fu) | (i < 4 ? 0x80u : 0u));
            size >>= 7;
        }

        bytes[14] = (byte)name.Length;
        Encoding.ASCII.GetBytes(name).CopyTo(bytes, 15);
        return bytes;
    }

    /// <summary>A multipart body with the file field <c>module</c> and optional fields.</summary>
    public static MultipartFormDataContent Form(byte[] module, string fileName = "module.wasm", string? notes = null, string? activate = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(module);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "module", fileName);
        if (notes is not null)
        {
            form.Add(new StringContent(notes), "notes");
        }

        if (activate is not null)
        {
            form.Add(new StringContent(activate), "activate");
        }

        return form;
    }

    public static MultipartFormDataContent Form(string wat, string? notes = null, string? activate = null) =>
        Form(Encoding.UTF8.GetBytes(wat), "module.wat", notes, activate);
}
