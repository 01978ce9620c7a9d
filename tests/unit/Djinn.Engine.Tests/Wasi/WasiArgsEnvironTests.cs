using Xunit;
namespace Djinn.Engine.Tests.Wasi;

public sealed class WasiArgsEnvironTests
{
    private static WasiHarness Harness() =>
        new(new WasiConfiguration().WithArgs("prog.wasm", "héllo", "").WithEnvironment("A", "1").WithEnvironment("PATH", "/x"));

    [Fact]
    public void Args_sizes_get_reports_the_count_and_the_nul_terminated_utf8_size()
    {
        var h = Harness();
        Assert.Equal(0, h.Get<Func<int, int, int>>("args_sizes_get")(100, 104));
        Assert.Equal(3u, h.U32(100));
        Assert.Equal(10u + 7u + 1u, h.U32(104)); // "é" is two bytes
    }

    [Fact]
    public void Args_get_writes_pointers_and_nul_terminated_strings()
    {
        var h = Harness();
        Assert.Equal(0, h.Get<Func<int, int, int>>("args_get")(200, 1000));
        Assert.Equal(1000u, h.U32(200));
        Assert.Equal(1010u, h.U32(204));
        Assert.Equal(1017u, h.U32(208));
        Assert.Equal("prog.wasm\0héllo\0\0", h.Text(1000, 18));
    }

    [Fact]
    public void Environ_is_key_equals_value_and_empty_by_default()
    {
        var h = Harness();
        Assert.Equal(0, h.Get<Func<int, int, int>>("environ_sizes_get")(100, 104));
        Assert.Equal(2u, h.U32(100));
        Assert.Equal(4u + 8u, h.U32(104));
        Assert.Equal(0, h.Get<Func<int, int, int>>("environ_get")(200, 1000));
        Assert.Equal("A=1\0PATH=/x\0", h.Text(1000, 12));
        Assert.Equal(1004u, h.U32(204));

        var empty = new WasiHarness();
        Assert.Equal(0, empty.Get<Func<int, int, int>>("environ_sizes_get")(100, 104));
        Assert.Equal(0u, empty.U32(100));
        Assert.Equal(0u, empty.U32(104));
    }

    [Fact]
    public void Args_get_faults_without_writing_when_the_buffer_does_not_fit()
    {
        var h = Harness();
        Assert.Equal(21, h.Get<Func<int, int, int>>("args_get")(200, 65536 - 5));
        Assert.Equal(0u, h.U32(200));
        Assert.Equal(21, h.Get<Func<int, int, int>>("args_get")(-4, 1000));
        Assert.Equal(0, h.Bytes[1000]);
    }

    [Fact]
    public void Sizes_get_faults_on_out_of_range_result_pointers()
    {
        var h = Harness();
        Assert.Equal(21, h.Get<Func<int, int, int>>("args_sizes_get")(65534, 0));
        Assert.Equal(21, h.Get<Func<int, int, int>>("environ_sizes_get")(0, -1));
    }
}
