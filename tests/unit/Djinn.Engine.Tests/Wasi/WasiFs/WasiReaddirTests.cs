using System.Text;

namespace Djinn.Engine.Tests.Wasi.WasiFs;

public sealed class WasiReaddirTests : IDisposable
{
    private readonly FsHarness _fs = new(populate: root =>
    {
        File.WriteAllText(Path.Combine(root, "b.txt"), "b");
        Directory.CreateDirectory(Path.Combine(root, "a-dir"));
        File.CreateSymbolicLink(Path.Combine(root, "c-link"), "b.txt");
    });

    public void Dispose() => _fs.Dispose();

    private int Readdir(int fd, int length, long cookie) =>
        _fs.H.Get<Func<int, int, int, long, int, int>>("fd_readdir")(fd, FsHarness.Buffer, length, cookie, FsHarness.Result);

    private List<(ulong Next, ulong Ino, string Name, byte Type)> Parse(int used)
    {
        var h = _fs.H;
        var entries = new List<(ulong, ulong, string, byte)>();
        int offset = 0;
        while (offset + 24 <= used)
        {
            int at = FsHarness.Buffer + offset;
            int nameLength = (int)h.U32(at + 16);
            if (offset + 24 + nameLength > used) break;
            entries.Add((h.U64(at), h.U64(at + 8), Encoding.UTF8.GetString(h.Bytes.Slice(at + 24, nameLength)), h.Bytes[at + 20]));
            offset += 24 + nameLength;
        }
        return entries;
    }

    [Fact]
    public void Readdir_lists_dot_dotdot_and_the_entries_with_cookies_inodes_and_types()
    {
        Assert.Equal(0, Readdir(3, 4096, 0));
        int used = (int)_fs.H.U32(FsHarness.Result);
        var entries = Parse(used);
        Assert.Equal(used, entries.Sum(e => 24 + Encoding.UTF8.GetByteCount(e.Name)));
        Assert.Equal([".", "..", "a-dir", "b.txt", "c-link"], entries.Select(e => e.Name));
        Assert.Equal([1UL, 2, 3, 4, 5], entries.Select(e => e.Next));
        Assert.Equal([(byte)3, (byte)3, (byte)3, (byte)4, (byte)7], entries.Select(e => e.Type));
        Assert.Equal(0, _fs.PathStat("b.txt"));
        Assert.Equal(_fs.Filestat.Ino, entries[3].Ino);
        Assert.Equal(0, _fs.PathStat("."));
        Assert.Equal(_fs.Filestat.Ino, entries[0].Ino);
        Assert.Equal(entries[0].Ino, entries[1].Ino); // the preopen's ".." reveals nothing above it
        Assert.Equal(0, _fs.H.Bytes[FsHarness.Buffer + 21]); // padding

        // Paging from a cookie, and the end.
        Assert.Equal(0, Readdir(3, 4096, 3));
        Assert.Equal(["b.txt", "c-link"], Parse((int)_fs.H.U32(FsHarness.Result)).Select(e => e.Name));
        Assert.Equal(0, Readdir(3, 4096, 5));
        Assert.Equal(0u, _fs.H.U32(FsHarness.Result));
    }

    [Fact]
    public void A_full_buffer_holds_a_cut_entry_and_bufused_equals_buf_len()
    {
        // "." (25) + ".." (26) = 51 bytes, then 10 bytes of a-dir's header.
        _fs.H.Bytes.Slice(FsHarness.Buffer, 100).Fill(0xEE);
        Assert.Equal(0, Readdir(3, 61, 0));
        Assert.Equal(61u, _fs.H.U32(FsHarness.Result));
        Assert.Equal(3UL, _fs.H.U64(FsHarness.Buffer + 51)); // the cut entry's d_next is there
        Assert.Equal(0xEE, _fs.H.Bytes[FsHarness.Buffer + 61]);   // nothing written past buf_len
        Assert.Equal(0, Readdir(3, 24 + 4, 2));               // header and part of the name
        Assert.Equal(28u, _fs.H.U32(FsHarness.Result));
        Assert.Equal("a-di", _fs.H.Text(FsHarness.Buffer + 24, 4));
        Assert.Equal(0, Readdir(3, 0, 0));
        Assert.Equal(0u, _fs.H.U32(FsHarness.Result));
    }

    [Fact]
    public void Cookie_zero_reads_the_directory_again()
    {
        Assert.Equal(0, Readdir(3, 4096, 0));
        File.WriteAllText(_fs.HostPath("d.txt"), "d");
        Assert.Equal(0, Readdir(3, 4096, 2));
        Assert.DoesNotContain("d.txt", Parse((int)_fs.H.U32(FsHarness.Result)).Select(e => e.Name));
        Assert.Equal(0, Readdir(3, 4096, 0));
        Assert.Contains("d.txt", Parse((int)_fs.H.U32(FsHarness.Result)).Select(e => e.Name));
    }

    [Fact]
    public void Subdirectories_opened_with_path_open_list_their_own_entries_and_parent()
    {
        File.WriteAllText(_fs.HostPath("a-dir/x"), "x");
        int fd = _fs.OpenOk("a-dir", oflags: 2);
        Assert.Equal(0, Readdir(fd, 4096, 0));
        var entries = Parse((int)_fs.H.U32(FsHarness.Result));
        Assert.Equal([".", "..", "x"], entries.Select(e => e.Name));
        Assert.Equal(0, _fs.PathStat("."));
        Assert.Equal(_fs.Filestat.Ino, entries[1].Ino);
    }

    [Fact]
    public void Readdir_needs_a_directory_with_the_right_and_memory_in_bounds()
    {
        int file = _fs.OpenOk("b.txt");
        Assert.Equal(54, Readdir(file, 100, 0));
        Assert.Equal(8, Readdir(77, 100, 0));
        Assert.Equal(21, Readdir(3, 65536, 0));
        Assert.Equal(0, _fs.H.Get<Func<int, long, long, int>>("fd_fdstat_set_rights")(3, 1 << 13, 0));
        Assert.Equal(76, Readdir(3, 100, 0));
    }
}
