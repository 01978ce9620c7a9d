namespace Djinn.Engine.Tests.Wasi.WasiFs;

public sealed class WasiFdFileTests : IDisposable
{
    private readonly FsHarness _fs = new(populate: root => File.WriteAllText(Path.Combine(root, "data.txt"), "0123456789"));

    public void Dispose() => _fs.Dispose();

    private WasiHarness H => _fs.H;

    [Fact]
    public void Read_write_seek_and_tell_share_one_offset()
    {
        int fd = _fs.OpenOk("data.txt");
        Assert.Equal(0, _fs.Read(fd, 4, out var text));
        Assert.Equal("0123", text);
        Assert.Equal(0, H.Get<Func<int, int, int>>("fd_tell")(fd, FsHarness.Result));
        Assert.Equal(4UL, H.U64(FsHarness.Result));
        Assert.Equal(0, _fs.Write(fd, "ab"));
        Assert.Equal(2u, H.U32(FsHarness.Result));
        Assert.Equal(0, _fs.Seek(fd, -2, 2, out long position));
        Assert.Equal(8, position);
        Assert.Equal(0, _fs.Read(fd, 10, out text));
        Assert.Equal("89", text);
        Assert.Equal(0, _fs.Read(fd, 10, out text));
        Assert.Equal("", text);                        // end of file
        Assert.Equal(0, _fs.Seek(fd, 1, 1, out position));
        Assert.Equal(11, position);                    // past the end is allowed
        Assert.Equal(28, _fs.Seek(fd, -100, 0, out _)); // EINVAL
        Assert.Equal(28, _fs.Seek(fd, 0, 3, out _));
        Assert.Equal("0123ab6789", _fs.FileText("data.txt"));
    }

    [Fact]
    public void Pread_and_pwrite_leave_the_offset_alone()
    {
        int fd = _fs.OpenOk("data.txt");
        H.SetIovec(200, FsHarness.Buffer, 3);
        H.SetIovec(208, FsHarness.Buffer + 100, 2);
        Assert.Equal(0, H.Get<Func<int, int, int, long, int, int>>("fd_pread")(fd, 200, 2, 5, FsHarness.Result));
        Assert.Equal(5u, H.U32(FsHarness.Result));
        Assert.Equal("567", H.Text(FsHarness.Buffer, 3));
        Assert.Equal("89", H.Text(FsHarness.Buffer + 100, 2));
        H.SetIovec(200, FsHarness.Buffer, H.SetText(FsHarness.Buffer, "XY"));
        Assert.Equal(0, H.Get<Func<int, int, int, long, int, int>>("fd_pwrite")(fd, 200, 1, 12, FsHarness.Result));
        Assert.Equal(2u, H.U32(FsHarness.Result));
        Assert.Equal(0, _fs.Seek(fd, 0, 1, out long position));
        Assert.Equal(0, position);
        Assert.Equal("0123456789\0\0XY", _fs.FileText("data.txt"));
        Assert.Equal(28, H.Get<Func<int, int, int, long, int, int>>("fd_pread")(fd, 200, 1, -1, FsHarness.Result));
        Assert.Equal(70, H.Get<Func<int, int, int, long, int, int>>("fd_pread")(0, 200, 1, 0, FsHarness.Result)); // stdio: ESPIPE
        Assert.Equal(31, H.Get<Func<int, int, int, long, int, int>>("fd_pwrite")(3, 200, 1, 0, FsHarness.Result)); // directory
    }

    [Fact]
    public void Append_writes_at_the_end_and_can_be_set_with_fdstat_set_flags()
    {
        int fd = _fs.OpenOk("data.txt", fdflags: 1);
        Assert.Equal(0, _fs.Write(fd, "A"));
        Assert.Equal(0, H.Get<Func<int, int, int>>("fd_fdstat_get")(fd, 300));
        Assert.Equal(1, H.U16(302));
        Assert.Equal(0, H.Get<Func<int, int, int>>("fd_fdstat_set_flags")(fd, 0));
        Assert.Equal(0, _fs.Seek(fd, 0, 0, out _));
        Assert.Equal(0, _fs.Write(fd, "B"));
        Assert.Equal(0, H.Get<Func<int, int, int>>("fd_fdstat_set_flags")(fd, 1));
        Assert.Equal(0, _fs.Write(fd, "C"));
        Assert.Equal("B123456789AC", _fs.FileText("data.txt"));
    }

    [Fact]
    public void Filestat_get_reports_the_host_file()
    {
        int fd = _fs.OpenOk("data.txt");
        H.Bytes.Slice(FsHarness.Buffer, 64).Fill(0xAA);
        Assert.Equal(0, _fs.FdStat(fd));
        var st = _fs.Filestat;
        Assert.Equal(4, st.Type);
        Assert.Equal(10UL, st.Size);
        Assert.Equal(1UL, st.Nlink);
        Assert.NotEqual(0UL, st.Ino);
        Assert.Equal(0, H.Bytes[FsHarness.Buffer + 17]); // padding cleared
        long mtimeNs = (File.GetLastWriteTimeUtc(_fs.HostPath("data.txt")) - DateTime.UnixEpoch).Ticks * 100;
        Assert.Equal(mtimeNs / 100, (long)st.Mtim / 100);
        Assert.Equal(0, _fs.FdStat(3));
        Assert.Equal(3, _fs.Filestat.Type);
        Assert.Equal(21, H.Get<Func<int, int, int>>("fd_filestat_get")(fd, 65536 - 10));
    }

    [Fact]
    public void Set_size_allocate_and_set_times_change_the_host_file()
    {
        int fd = _fs.OpenOk("data.txt");
        Assert.Equal(0, H.Get<Func<int, long, int>>("fd_filestat_set_size")(fd, 4));
        Assert.Equal("0123", _fs.FileText("data.txt"));
        Assert.Equal(0, H.Get<Func<int, long, long, int>>("fd_allocate")(fd, 2, 6));
        Assert.Equal(8, new FileInfo(_fs.HostPath("data.txt")).Length);
        Assert.Equal(0, H.Get<Func<int, long, long, int>>("fd_allocate")(fd, 0, 1)); // never shrinks
        Assert.Equal(8, new FileInfo(_fs.HostPath("data.txt")).Length);
        Assert.Equal(28, H.Get<Func<int, long, int>>("fd_filestat_set_size")(fd, -1));

        var setTimes = H.Get<Func<int, long, long, int, int>>("fd_filestat_set_times");
        Assert.Equal(0, setTimes(fd, 1_000_000_000_000_000_000, 1_234_567_890_123_456_789, 1 | 4));
        Assert.Equal(0, _fs.FdStat(fd));
        Assert.Equal(1_000_000_000_000_000_000UL, _fs.Filestat.Atim);
        Assert.Equal(1_234_567_890_123_456_789UL, _fs.Filestat.Mtim);
        Assert.Equal(0, setTimes(fd, 0, 0, 8)); // mtim_now, atime untouched
        Assert.Equal(0, _fs.FdStat(fd));
        Assert.Equal(1_000_000_000_000_000_000UL, _fs.Filestat.Atim);
        Assert.True(_fs.Filestat.Mtim > 1_700_000_000_000_000_000UL);
        Assert.Equal(28, setTimes(fd, 0, 0, 1 | 2));
        Assert.Equal(28, setTimes(fd, 0, 0, 16));
        Assert.Equal(0, setTimes(3, 0, 5_000_000_000, 4)); // a directory
        Assert.Equal(5L * TimeSpan.TicksPerSecond, (Directory.GetLastWriteTimeUtc(_fs.Root) - DateTime.UnixEpoch).Ticks);
    }

    [Fact]
    public void Sync_datasync_and_advise_succeed_on_files_and_check_their_arguments()
    {
        int fd = _fs.OpenOk("data.txt");
        Assert.Equal(0, H.Get<Func<int, int>>("fd_sync")(fd));
        Assert.Equal(0, H.Get<Func<int, int>>("fd_datasync")(fd));
        Assert.Equal(0, H.Get<Func<int, int>>("fd_sync")(3));
        var advise = H.Get<Func<int, long, long, int, int>>("fd_advise");
        for (int advice = 0; advice <= 5; advice++) Assert.Equal(0, advise(fd, 0, 10, advice));
        Assert.Equal(28, advise(fd, 0, 10, 6));
        Assert.Equal(31, advise(3, 0, 10, 0));
        Assert.Equal(8, advise(99, 0, 10, 0));
        Assert.Equal(8, H.Get<Func<int, int>>("fd_sync")(99));
        Assert.Equal(76, H.Get<Func<int, int>>("fd_sync")(1)); // stdio has no fd_sync right
    }

    [Fact]
    public void Rights_can_only_shrink_and_are_enforced()
    {
        int fd = _fs.OpenOk("data.txt");
        var setRights = H.Get<Func<int, long, long, int>>("fd_fdstat_set_rights");
        const long readSeek = (1 << 1) | (1 << 2) | (1 << 5);
        Assert.Equal(0, setRights(fd, readSeek, 0));
        Assert.Equal(0, H.Get<Func<int, int, int>>("fd_fdstat_get")(fd, 300));
        Assert.Equal((ulong)readSeek, H.U64(308));
        Assert.Equal(76, _fs.Write(fd, "x"));                                    // fd_write dropped
        Assert.Equal(76, H.Get<Func<int, long, int>>("fd_filestat_set_size")(fd, 0));
        Assert.Equal(76, H.Get<Func<int, int, int>>("fd_filestat_get")(fd, 300));
        Assert.Equal(76, setRights(fd, readSeek | (1 << 6), 0));                 // cannot come back
        Assert.Equal(0, _fs.Read(fd, 2, out var text));
        Assert.Equal("01", text);
        Assert.Equal(0, setRights(fd, 1 << 1, 0));
        Assert.Equal(76, _fs.Seek(fd, 1, 0, out _));
        Assert.Equal(8, setRights(42, 0, 0));
        Assert.Equal(0, setRights(1, 0, 0));                                      // stdout without fd_write
        Assert.Equal(76, _fs.Write(1, "x"));
        Assert.Empty(_fs.Output.ToArray());

        // A directory without path_open cannot open anything.
        Assert.Equal(0, setRights(3, 1 << 14, 0));
        Assert.Equal(76, _fs.PathOpen("data.txt", out _));
    }

    [Fact]
    public void Directories_are_not_files_and_closed_files_are_badf()
    {
        Assert.Equal(31, _fs.Read(3, 4, out _));
        Assert.Equal(31, _fs.Write(3, "x"));
        Assert.Equal(8, _fs.Seek(3, 0, 0, out _));
        int fd = _fs.OpenOk("data.txt");
        Assert.Equal(0, _fs.Close(fd));
        Assert.Equal(8, _fs.Read(fd, 4, out _));
        Assert.Equal(8, _fs.Close(fd));
    }

    [Fact]
    public void Renumber_moves_an_open_file_over_another_descriptor()
    {
        int a = _fs.OpenOk("data.txt");
        File.WriteAllText(_fs.HostPath("other.txt"), "other");
        int b = _fs.OpenOk("other.txt");
        Assert.Equal(0, H.Get<Func<int, int, int>>("fd_renumber")(a, b));
        Assert.Equal(8, _fs.Read(a, 4, out _));
        Assert.Equal(0, _fs.Read(b, 4, out var text));
        Assert.Equal("0123", text);
        Assert.Equal(a, _fs.OpenOk("other.txt")); // the lowest free number again
    }

    [Fact]
    public void Poll_reports_files_ready_and_directories_without_the_poll_right()
    {
        int fd = _fs.OpenOk("data.txt");
        // Two fd_read subscriptions (48 bytes each): the file, then the preopen directory.
        H.Bytes.Slice(1000, 96).Clear();
        H.SetU64(1000, 11);
        H.Bytes[1008] = 1;
        H.SetU32(1016, (uint)fd);
        H.SetU64(1048, 22);
        H.Bytes[1056] = 1;
        H.SetU32(1064, 3);
        Assert.Equal(0, H.Get<Func<int, int, int, int, int>>("poll_oneoff")(1000, 2000, 2, FsHarness.Result));
        Assert.Equal(2u, H.U32(FsHarness.Result));
        Assert.Equal(11UL, H.U64(2000));
        Assert.Equal(0, H.U16(2008));
        Assert.Equal(22UL, H.U64(2032));
        Assert.Equal(76, H.U16(2040));
    }
}
