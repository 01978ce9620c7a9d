namespace Djinn.Engine.Tests.Wasi.WasiFs;

/// <summary>
/// TOCTOU: another host actor swaps a directory inside the preopen for a symlink leading out, over and over, while
/// the guest keeps opening a file through it. The walk holds handles and steps with O_NOFOLLOW, so the guest gets
/// the inside file or an error, never the outside one.
/// </summary>
public sealed class WasiRaceTests
{
    [Fact]
    public void Swapping_a_directory_for_an_escaping_symlink_mid_walk_never_leaks()
    {
        using var fs = new FsHarness(populate: root =>
        {
            Directory.CreateDirectory(Path.Combine(root, "d"));
            File.WriteAllText(Path.Combine(root, "d", "secret.txt"), "IN");
        });
        string outside = Path.Combine(fs.Temp, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "OUT");

        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var swapper = new Thread(() =>
        {
            try
            {
                string d = fs.HostPath("d"), parked = fs.HostPath("parked");
                while (!stop.IsCancellationRequested)
                {
                    Directory.Move(d, parked);
                    Directory.CreateSymbolicLink(d, outside);   // a host actor may do this; a guest could not
                    Thread.SpinWait(50);
                    File.Delete(d);
                    Directory.Move(parked, d);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        swapper.Start();
        int inside = 0, refused = 0;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < deadline || inside == 0 || refused == 0)
            {
                if (DateTime.UtcNow > deadline.AddSeconds(10)) break;
                int errno = fs.PathOpen("d/secret.txt", out int fd, lookup: 0);
                if (errno != 0)
                {
                    refused++;
                    continue;
                }
                Assert.Equal(0, fs.Read(fd, 10, out var text));
                Assert.Equal("IN", text);
                Assert.Equal(0, fs.Close(fd));
                inside++;
            }
        }
        finally
        {
            stop.Cancel();
            swapper.Join();
        }
        Assert.Null(failure);
        Assert.True(inside > 0 && refused > 0, $"the race was not exercised: {inside} inside, {refused} refused");
    }
}
