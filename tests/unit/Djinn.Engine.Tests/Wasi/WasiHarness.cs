using System.Buffers.Binary;
using System.Text;
using Djinn.Engine.Wasi;

namespace Djinn.Engine.Tests.Wasi;

/// <summary>A WASI context over one page of memory, for calling the host functions directly.</summary>
internal sealed class WasiHarness
{
    public WasiHarness(WasiConfiguration? configuration = null, bool withMemory = true)
    {
        Configuration = configuration ?? new WasiConfiguration();
        Context = new WasiContext(Configuration);
        if (withMemory)
        {
            Memory = new Memory(new MemoryType(new Limits(1, null)), account: null);
            Context.Memory = Memory;
        }
    }

    public WasiConfiguration Configuration { get; }

    public WasiContext Context { get; }

    public Memory? Memory { get; }

    public Span<byte> Bytes => Memory!.GetSpan();

    public T Get<T>(string name) where T : Delegate =>
        (Context.GetFunction(name) ?? throw new InvalidOperationException($"no function {name}")).AsDelegate<T>();

    public uint U32(int address) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes[address..]);

    public ushort U16(int address) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes[address..]);

    public ulong U64(int address) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes[address..]);

    public void SetU32(int address, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Bytes[address..], value);

    public void SetU16(int address, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Bytes[address..], value);

    public void SetU64(int address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Bytes[address..], value);

    /// <summary>Writes <paramref name="text"/> at <paramref name="address"/> and returns its byte length.</summary>
    public int SetText(int address, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.CopyTo(Bytes[address..]);
        return bytes.Length;
    }

    public string Text(int address, int length) => Encoding.UTF8.GetString(Bytes.Slice(address, length));

    /// <summary>Writes an iovec (buffer pointer, length) at <paramref name="address"/>.</summary>
    public void SetIovec(int address, int buffer, int length)
    {
        SetU32(address, (uint)buffer);
        SetU32(address + 4, (uint)length);
    }
}
