using Xunit;
using Djinn.Engine.Wasi;

namespace Djinn.Engine.Tests.Wasi;

public sealed class WasiFunctionSetTests
{
    [Fact]
    public void Every_preview1_function_is_provided()
    {
        var harness = new WasiHarness();
        foreach (var name in WasiModule.FunctionNames) Assert.NotNull(harness.Context.GetFunction(name));
        Assert.Equal(46, WasiModule.FunctionNames.Count);
        Assert.Equal(WasiModule.FunctionNames.OrderBy(n => n), harness.Context.FunctionNames.OrderBy(n => n));
    }

    [Theory]
    [InlineData("args_get", "[i32 i32] -> [i32]")]
    [InlineData("clock_time_get", "[i32 i64 i32] -> [i32]")]
    [InlineData("fd_advise", "[i32 i64 i64 i32] -> [i32]")]
    [InlineData("fd_allocate", "[i32 i64 i64] -> [i32]")]
    [InlineData("fd_fdstat_set_rights", "[i32 i64 i64] -> [i32]")]
    [InlineData("fd_filestat_set_times", "[i32 i64 i64 i32] -> [i32]")]
    [InlineData("fd_pread", "[i32 i32 i32 i64 i32] -> [i32]")]
    [InlineData("fd_readdir", "[i32 i32 i32 i64 i32] -> [i32]")]
    [InlineData("fd_seek", "[i32 i64 i32 i32] -> [i32]")]
    [InlineData("fd_write", "[i32 i32 i32 i32] -> [i32]")]
    [InlineData("path_filestat_set_times", "[i32 i32 i32 i32 i64 i64 i32] -> [i32]")]
    [InlineData("path_link", "[i32 i32 i32 i32 i32 i32 i32] -> [i32]")]
    [InlineData("path_open", "[i32 i32 i32 i32 i32 i64 i64 i32 i32] -> [i32]")]
    [InlineData("path_symlink", "[i32 i32 i32 i32 i32] -> [i32]")]
    [InlineData("poll_oneoff", "[i32 i32 i32 i32] -> [i32]")]
    [InlineData("proc_exit", "[i32] -> []")]
    [InlineData("sched_yield", "[] -> [i32]")]
    [InlineData("sock_recv", "[i32 i32 i32 i32 i32 i32] -> [i32]")]
    [InlineData("sock_send", "[i32 i32 i32 i32 i32] -> [i32]")]
    public void Functions_have_the_core_signatures_of_the_witx(string name, string type)
    {
        var function = new WasiHarness().Context.GetFunction(name);
        Assert.NotNull(function);
        Assert.Equal(type, function.Type.ToString());
    }

    [Fact]
    public void No_function_throws_on_out_of_range_pointers_and_all_report_an_error()
    {
        var harness = new WasiHarness(new WasiConfiguration().WithArgs("a").WithEnvironment("B", "c"));
        foreach (var name in WasiModule.FunctionNames.Where(n => n is not ("proc_exit" or "sched_yield" or "fd_close")))
        {
            foreach (int garbage in new[] { -1, -16, 65536, int.MaxValue })
            {
                var function = harness.Context.GetFunction(name)!;
                var args = function.Type.Parameters.Select((p, i) => p == ValueKind.I64 ? (object)(long)garbage : i == 0 ? 1 : garbage).ToArray();
                var result = function.Invoke(args);
                Assert.IsType<int>(result[0]);
                Assert.True((int)result[0]! != 0, $"{name} succeeded with {garbage}");
            }
        }
    }

    [Fact]
    public void Functions_without_a_memory_report_a_fault_instead_of_throwing()
    {
        var harness = new WasiHarness(withMemory: false);
        Assert.Equal(21, harness.Get<Func<int, int, int>>("args_sizes_get")(0, 4));
        Assert.Equal(21, harness.Get<Func<int, int, int, int, int>>("fd_write")(1, 0, 0, 0));
        Assert.Equal(0, harness.Get<Func<int>>("sched_yield")());
    }

    [Theory]
    [InlineData("fd_sync")]
    [InlineData("fd_datasync")]
    public void Filesystem_functions_without_preopens_answer_badf(string name)
    {
        Assert.Equal(8, new WasiHarness().Get<Func<int, int>>(name)(3));
    }

    [Fact]
    public void Path_open_without_a_preopen_is_badf_and_sockets_answer_notsup()
    {
        var harness = new WasiHarness();
        Assert.Equal(8, harness.Get<Func<int, int, int, int, int, long, long, int, int, int>>("path_open")(3, 0, 0, 1, 0, 0, 0, 0, 0));
        Assert.Equal(58, harness.Get<Func<int, int, int, int, int, int, int>>("sock_recv")(3, 0, 0, 0, 0, 0));
        Assert.Equal(58, harness.Get<Func<int, int, int>>("sock_shutdown")(3, 0));
        Assert.Equal(58, harness.Get<Func<int, int, int, int>>("sock_accept")(3, 0, 0));
        Assert.Equal(58, harness.Get<Func<int, int, int, int, int, int>>("sock_send")(3, 0, 0, 0, 0));
    }
}
