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
}
