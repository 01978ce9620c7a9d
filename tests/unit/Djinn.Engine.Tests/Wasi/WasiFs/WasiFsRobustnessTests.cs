using Djinn.Engine.Wasi;

namespace Djinn.Engine.Tests.Wasi.WasiFs;

/// <summary>Hostile arguments against a real preopen: every call answers an errno, none throws into the guest.</summary>
public sealed class WasiFsRobustnessTests
{
    [Fact]
    public void No_function_throws_with_garbage_arguments_on_a_real_preopen()
    {
        using var fs = new FsHarness(populate: root => File.WriteAllText(Path.Combine(root, "f"), "data"));
        int file = fs.OpenOk("f");
        var values = new long[] { -1, -16, 0, 1, 3, 4, 65535, 65536, int.MaxValue, int.MinValue, long.MinValue, long.MaxValue };
        var random = new Random(1234);
        foreach (var name in WasiModule.FunctionNames.Where(n => n is not ("proc_exit" or "fd_close" or "fd_renumber" or "poll_oneoff")))
        {
            var function = fs.H.Context.GetFunction(name)!;
            for (int round = 0; round < 200; round++)
            {
                var args = function.Type.Parameters.Select((kind, i) =>
                {
                    long value = i == 0 && round % 2 == 0 ? (round % 4 == 0 ? 3 : file) : values[random.Next(values.Length)];
                    return kind == ValueKind.I64 ? (object)value : (int)value;
                }).ToArray();
                var result = function.Invoke(args);
                Assert.IsType<int>(result[0]);
            }
        }
        Assert.True(File.Exists(fs.HostPath("f"))); // (its size may be anything now: the guest had write rights)
    }

    [Fact]
    public void Open_descriptors_are_capped()
    {
        using var fs = new FsHarness(populate: root => File.WriteAllText(Path.Combine(root, "f"), "data"));
        fs.H.Configuration.MaxOpenDescriptors = 6; // 0, 1, 2, the preopen and two more
        Assert.Equal(4, fs.OpenOk("f"));
        Assert.Equal(5, fs.OpenOk("f"));
        Assert.Equal(33, fs.PathOpen("f", out _)); // EMFILE
        Assert.Equal(0, fs.Close(4));
        Assert.Equal(4, fs.OpenOk("f"));
    }

    [Fact]
    public void Path_walks_do_not_leak_host_descriptors()
    {
        using var fs = new FsHarness(populate: root =>
        {
            Directory.CreateDirectory(Path.Combine(root, "a", "b", "c"));
            File.WriteAllText(Path.Combine(root, "a", "b", "c", "f"), "x");
            Directory.CreateSymbolicLink(Path.Combine(root, "up"), "..");
        });
        int sub = fs.OpenOk("a/b", oflags: 2);
        int before = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        for (int i = 0; i < 500; i++)
        {
            Assert.Equal(0, fs.PathStat("a/b/c/../c/f"));
            Assert.Equal(63, fs.PathStat("a/b/../../../x"));
            Assert.Equal(63, fs.PathStat("up/x"));
            Assert.Equal(0, fs.PathStat("../../a/b/c/f", dir: sub));
            Assert.Equal(44, fs.PathStat("a/missing/f"));
            Assert.Equal(0, fs.PathOpen("a/b/c/f", out int fd));
            Assert.Equal(0, fs.Close(fd));
        }
        int after = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        Assert.True(after - before < 100, $"{after - before} more host descriptors after 3000 walks");
    }

    [Fact]
    public void Disposing_the_context_gives_every_host_descriptor_back()
    {
        using var fs = new FsHarness(populate: root =>
        {
            Directory.CreateDirectory(Path.Combine(root, "d"));
            File.WriteAllText(Path.Combine(root, "f"), "x");
        });
        var context = fs.H.Context;
        var preopen = (WasiDirectoryDescriptor)context.Descriptors.Get(3)!;
        var directory = (WasiDirectoryDescriptor)context.Descriptors.Get(fs.OpenOk("d", oflags: 2))!;
        var file = (WasiFileDescriptor)context.Descriptors.Get(fs.OpenOk("f"))!;
        Assert.Equal(0, fs.Close(3));                  // closing the preopen keeps its root handle for "d"
        Assert.False(preopen.RootHandle.IsClosed);
        Assert.Equal(0, fs.PathStat("../f", dir: 4));   // fd 4 is "d"
        context.Dispose();
        Assert.True(preopen.RootHandle.IsClosed);
        Assert.True(directory.Handle.IsClosed);
        Assert.True(file.Handle.IsClosed);
        Assert.Equal(0, context.Descriptors.Count);
    }
}
