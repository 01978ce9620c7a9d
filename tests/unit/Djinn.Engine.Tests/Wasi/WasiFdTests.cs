using Xunit;
namespace Djinn.Engine.Tests.Wasi;

public sealed class WasiFdTests
{
    private static (WasiHarness Harness, MemoryStream Out, MemoryStream Err) WithOutput(string input = "")
    {
        var output = new MemoryStream();
        var error = new MemoryStream();
        var config = new WasiConfiguration().WithStdio(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(input)), output, error);
        return (new WasiHarness(config), output, error);
    }

    [Fact]
    public void Fd_write_gathers_the_iovecs_onto_stdout_and_reports_the_bytes_written()
    {
        var (h, output, _) = WithOutput();
        int a = h.SetText(1000, "hello, ");
        int b = h.SetText(2000, "world\n");
        h.SetIovec(100, 1000, a);
        h.SetIovec(108, 3000, 0);
        h.SetIovec(116, 2000, b);
        Assert.Equal(0, h.Get<Func<int, int, int, int, int>>("fd_write")(1, 100, 3, 200));
        Assert.Equal((uint)(a + b), h.U32(200));
        Assert.Equal("hello, world\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Fd_write_to_stderr_goes_to_the_error_stream()
    {
        var (h, output, error) = WithOutput();
        h.SetIovec(100, 1000, h.SetText(1000, "oops"));
        Assert.Equal(0, h.Get<Func<int, int, int, int, int>>("fd_write")(2, 100, 1, 200));
        Assert.Equal("oops", System.Text.Encoding.UTF8.GetString(error.ToArray()));
        Assert.Empty(output.ToArray());
    }

    [Fact]
    public void Fd_write_without_a_stream_discards_but_reports_success()
    {
        var h = new WasiHarness();
        h.SetIovec(100, 1000, 12);
        Assert.Equal(0, h.Get<Func<int, int, int, int, int>>("fd_write")(1, 100, 1, 200));
        Assert.Equal(12u, h.U32(200));
    }

    [Fact]
    public void Fd_write_to_stdin_or_an_unknown_descriptor_is_badf()
    {
        var (h, _, _) = WithOutput();
        h.SetIovec(100, 1000, 1);
        var write = h.Get<Func<int, int, int, int, int>>("fd_write");
        Assert.Equal(8, write(0, 100, 1, 200));
        Assert.Equal(8, write(3, 100, 1, 200));
        Assert.Equal(8, write(-1, 100, 1, 200));
    }

    [Fact]
    public void Fd_write_faults_before_writing_anything_when_an_iovec_is_out_of_range()
    {
        var (h, output, _) = WithOutput();
        h.SetIovec(100, 1000, 4);
        h.SetIovec(108, 65530, 100);
        var write = h.Get<Func<int, int, int, int, int>>("fd_write");
        Assert.Equal(21, write(1, 100, 2, 200));
        Assert.Equal(21, write(1, 65532, 1, 200));
        Assert.Equal(21, write(1, 100, 1, 65534));
        Assert.Equal(21, write(1, 100, int.MaxValue, 200));
        Assert.Empty(output.ToArray());
    }

    [Fact]
    public void Fd_read_scatters_stdin_into_the_iovecs_and_reports_eof_as_zero()
    {
        var (h, _, _) = WithOutput("abcdefgh");
        h.SetIovec(100, 1000, 3);
        h.SetIovec(108, 2000, 10);
        var read = h.Get<Func<int, int, int, int, int>>("fd_read");
        Assert.Equal(0, read(0, 100, 2, 200));
        Assert.Equal(8u, h.U32(200));
        Assert.Equal("abc", h.Text(1000, 3));
        Assert.Equal("defgh", h.Text(2000, 5));
        Assert.Equal(0, read(0, 100, 2, 200));
        Assert.Equal(0u, h.U32(200));
    }

    [Fact]
    public void Fd_read_from_an_absent_stdin_is_empty_and_from_stdout_is_badf()
    {
        var h = new WasiHarness();
        h.SetU32(200, 99);
        h.SetIovec(100, 1000, 10);
        var read = h.Get<Func<int, int, int, int, int>>("fd_read");
        Assert.Equal(0, read(0, 100, 1, 200));
        Assert.Equal(0u, h.U32(200));
        Assert.Equal(8, read(1, 100, 1, 200));
        Assert.Equal(21, read(0, 100, 1, -2));
    }

    [Fact]
    public void Fd_fdstat_get_describes_stdio_as_character_devices_without_seek_rights()
    {
        var h = new WasiHarness();
        h.Bytes.Slice(100, 24).Fill(0xAA);
        Assert.Equal(0, h.Get<Func<int, int, int>>("fd_fdstat_get")(1, 100));
        Assert.Equal(2, h.Bytes[100]);          // fs_filetype: character_device
        Assert.Equal(0, h.Bytes[101]);          // padding
        Assert.Equal(0, h.U16(102));            // fs_flags
        ulong rights = h.U64(108);
        Assert.NotEqual(0UL, rights & (1UL << 6));  // fd_write
        Assert.Equal(0UL, rights & (1UL << 1));     // no fd_read
        Assert.Equal(0UL, rights & ((1UL << 2) | (1UL << 5))); // no fd_seek, fd_tell: isatty()
        Assert.Equal(0UL, h.U64(116));          // fs_rights_inheriting

        Assert.Equal(0, h.Get<Func<int, int, int>>("fd_fdstat_get")(0, 100));
        Assert.NotEqual(0UL, h.U64(108) & (1UL << 1));
        Assert.Equal(8, h.Get<Func<int, int, int>>("fd_fdstat_get")(3, 100));
        Assert.Equal(21, h.Get<Func<int, int, int>>("fd_fdstat_get")(1, 65536 - 23));
    }

    [Fact]
    public void Fd_fdstat_set_flags_is_remembered_and_rejects_unknown_bits()
    {
        var h = new WasiHarness();
        var set = h.Get<Func<int, int, int>>("fd_fdstat_set_flags");
        Assert.Equal(0, set(1, 1 | 4));
        Assert.Equal(0, h.Get<Func<int, int, int>>("fd_fdstat_get")(1, 100));
        Assert.Equal(5, h.U16(102));
        Assert.Equal(28, set(1, 32));
        Assert.Equal(8, set(7, 0));
    }

    [Fact]
    public void Fd_filestat_get_on_stdio_reports_only_the_file_type()
    {
        var h = new WasiHarness();
        h.Bytes.Slice(100, 65).Fill(0xAA);
        Assert.Equal(0, h.Get<Func<int, int, int>>("fd_filestat_get")(2, 100));
        Assert.Equal(2, h.Bytes[116]);
        Assert.All(h.Bytes.Slice(100, 16).ToArray().Concat(h.Bytes.Slice(117, 47).ToArray()), b => Assert.Equal(0, b));
        Assert.Equal(0xAA, h.Bytes[164]);
        Assert.Equal(8, h.Get<Func<int, int, int>>("fd_filestat_get")(3, 100));
    }

    [Fact]
    public void Seeking_stdio_is_espipe_and_unknown_descriptors_are_badf()
    {
        var h = new WasiHarness();
        var seek = h.Get<Func<int, long, int, int, int>>("fd_seek");
        Assert.Equal(70, seek(1, 0, 0, 100));
        Assert.Equal(70, h.Get<Func<int, int, int>>("fd_tell")(0, 100));
        Assert.Equal(8, seek(5, 0, 0, 100));
        Assert.Equal(28, seek(1, 0, 3, 100));
    }

    [Fact]
    public void There_are_no_preopens_so_prestat_is_badf_from_fd_3()
    {
        var h = new WasiHarness();
        var prestat = h.Get<Func<int, int, int>>("fd_prestat_get");
        Assert.Equal(8, prestat(3, 100));
        Assert.Equal(8, prestat(0, 100));
        Assert.Equal(8, h.Get<Func<int, int, int, int>>("fd_prestat_dir_name")(3, 100, 10));
    }

    [Fact]
    public void Closed_descriptors_are_badf_and_renumber_moves_a_descriptor()
    {
        var (h, output, _) = WithOutput();
        var close = h.Get<Func<int, int>>("fd_close");
        var write = h.Get<Func<int, int, int, int, int>>("fd_write");
        h.SetIovec(100, 1000, h.SetText(1000, "x"));
        Assert.Equal(0, h.Get<Func<int, int, int>>("fd_renumber")(1, 2));
        Assert.Equal(8, write(1, 100, 1, 200));
        Assert.Equal(0, write(2, 100, 1, 200));
        Assert.Equal("x", System.Text.Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(0, close(2));
        Assert.Equal(8, close(2));
        Assert.Equal(8, write(2, 100, 1, 200));
        Assert.Equal(8, h.Get<Func<int, int, int>>("fd_renumber")(0, 9));
    }

    [Fact]
    public void A_failing_output_stream_is_an_io_error()
    {
        var h = new WasiHarness(new WasiConfiguration { StandardOutput = new MemoryStream(new byte[2], writable: false) });
        h.SetIovec(100, 1000, 4);
        Assert.Equal(29, h.Get<Func<int, int, int, int, int>>("fd_write")(1, 100, 1, 200));
    }
}
